import { Module, type DynamicModule } from '@nestjs/common';
import { AlternatorCoreModule } from './alternator-core.module.js';
import type { AlternatorModuleAsyncOptions, AlternatorModuleOptions } from './interfaces/index.js';

/**
 * Registers a load-balanced Alternator client (plus its document client and cluster view) for
 * injection. Call it once per cluster, in the root module: each call creates its own client.
 * @publicApi
 */
@Module({})
export class AlternatorModule {
  /**
   * Registers a cluster from options known when the module is defined.
   * @example AlternatorModule.forRoot({ seedHosts: ['10.0.0.1'], port: 8000 })
   */
  static forRoot(options: AlternatorModuleOptions): DynamicModule {
    return AlternatorModule.wrap(AlternatorCoreModule.forRoot(options));
  }

  /**
   * Registers a cluster whose options come from other providers, such as `ConfigService`.
   * Throws at once when the registration itself is malformed (a bad `name`, or not exactly one of
   * `useFactory`/`useClass`/`useExisting`); the options are validated when the module is compiled.
   */
  static forRootAsync(options: AlternatorModuleAsyncOptions): DynamicModule {
    return AlternatorModule.wrap(AlternatorCoreModule.forRootAsync(options));
  }

  /** Re-exports the core module so its tokens reach the importer when `isGlobal` is false. */
  private static wrap(core: DynamicModule): DynamicModule {
    return { module: AlternatorModule, imports: [core], exports: [core] };
  }
}
