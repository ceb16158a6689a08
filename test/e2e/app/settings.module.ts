import { Inject, Injectable, Module, type DynamicModule } from '@nestjs/common';
import type {
  AlternatorConfig,
  AlternatorModuleFactoryOptions,
  AlternatorOptionsFactory,
} from '../../../lib/index.js';

export const CLUSTER_SETTINGS = 'CLUSTER_SETTINGS';

/** Builds the options from an injected value and remembers which cluster names it was asked for. */
@Injectable()
export class AlternatorSettings implements AlternatorOptionsFactory {
  readonly requestedNames: Array<string | undefined> = [];

  constructor(@Inject(CLUSTER_SETTINGS) private readonly settings: AlternatorConfig) {}

  createAlternatorOptions(name?: string): AlternatorModuleFactoryOptions {
    this.requestedNames.push(name);
    return { ...this.settings };
  }
}

/** Exports the settings value and the factory, for `useClass` and `useExisting`. */
@Module({})
export class SettingsModule {
  static register(settings: AlternatorConfig): DynamicModule {
    return {
      module: SettingsModule,
      providers: [{ provide: CLUSTER_SETTINGS, useValue: settings }, AlternatorSettings],
      exports: [CLUSTER_SETTINGS, AlternatorSettings],
    };
  }
}
