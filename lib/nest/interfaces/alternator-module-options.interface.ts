import type {
  InjectionToken,
  ModuleMetadata,
  OptionalFactoryDependency,
  Provider,
  Type,
} from '@nestjs/common';
import type { AlternatorConfig } from '../../core/index.js';

/**
 * Options of `AlternatorModule.forRoot`: the client configuration plus how the module registers it.
 * @publicApi
 */
export interface AlternatorModuleOptions extends AlternatorConfig {
  /**
   * Name of this cluster, for applications that talk to several clusters; inject its providers
   * with `@InjectAlternatorClient(name)` and friends. Default: the default cluster (tokens
   * without a prefix).
   */
  name?: string;
  /**
   * Register the cluster's providers in the global scope, so every module can inject them without
   * importing `AlternatorModule` again (importing it again would create a second client).
   * Default: true.
   */
  isGlobal?: boolean;
}

/**
 * What an options factory returns: the client configuration. `name` and `isGlobal` are not part
 * of it because tokens must be known before any factory runs; set them on `forRootAsync` itself.
 * @publicApi
 */
export type AlternatorModuleFactoryOptions = Omit<AlternatorModuleOptions, 'name' | 'isGlobal'>;

/**
 * A class that builds the options, for `forRootAsync({ useClass })` or `forRootAsync({ useExisting })`.
 * @publicApi
 */
export interface AlternatorOptionsFactory {
  /** @param name the cluster name given to `forRootAsync` (`'default'` when omitted). */
  createAlternatorOptions(
    name?: string,
  ): AlternatorModuleFactoryOptions | Promise<AlternatorModuleFactoryOptions>;
}

/**
 * Options of `AlternatorModule.forRootAsync`. Give exactly one of `useFactory`, `useClass` or
 * `useExisting`.
 * @publicApi
 */
export interface AlternatorModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Name of this cluster (see `AlternatorModuleOptions.name`). Default: the default cluster. */
  name?: string;
  /** Register the cluster's providers in the global scope. Default: true. */
  isGlobal?: boolean;
  /** Builds the options; receives the providers listed in `inject`, in that order. */
  useFactory?: (
    ...args: never[]
  ) => AlternatorModuleFactoryOptions | Promise<AlternatorModuleFactoryOptions>;
  /** Providers passed to `useFactory`. Default: none. */
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  /** A class the module instantiates (with its own dependencies) to build the options. */
  useClass?: Type<AlternatorOptionsFactory>;
  /** A provider the application already has (via `imports` or globally) that builds the options. */
  useExisting?: Type<AlternatorOptionsFactory>;
  /** Providers added to the module, e.g. what a `useClass` factory needs. Default: none. */
  extraProviders?: Provider[];
}
