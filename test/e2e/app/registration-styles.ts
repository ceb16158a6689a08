import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import {
  AlternatorModule,
  alternatorConfigFromEnv,
  type AlternatorConfig,
} from '../../../lib/index.js';
import { ClusterProbe } from './cluster-probe.js';
import { AlternatorSettings, CLUSTER_SETTINGS, SettingsModule } from './settings.module.js';

/** What a registration style needs: the cluster's options and its `ALTERNATOR_*` variables. */
export interface ClusterSetup {
  config: AlternatorConfig;
  env: Record<string, string>;
}

@Module({})
export class AppModule {
  /** An app that registers the default cluster with `alternator` and consumes it via ClusterProbe. */
  static with(
    alternator: DynamicModule,
    ...imports: Array<DynamicModule | Promise<DynamicModule>>
  ): DynamicModule {
    return { module: AppModule, imports: [alternator, ...imports], providers: [ClusterProbe] };
  }
}

/** One fixture per way of registering a cluster, each returning the app's root module. */
export const registrationStyles: Record<string, (setup: ClusterSetup) => DynamicModule> = {
  forRoot: ({ config }) => AppModule.with(AlternatorModule.forRoot(config)),

  'forRoot with isGlobal: false': ({ config }) =>
    AppModule.with(AlternatorModule.forRoot({ ...config, isGlobal: false })),

  'forRootAsync useFactory with ConfigService': ({ env }) =>
    AppModule.with(
      AlternatorModule.forRootAsync({
        inject: [ConfigService],
        // Namespaced keys keep the test independent of the shell's ALTERNATOR_* variables.
        useFactory: (config: ConfigService) =>
          alternatorConfigFromEnv((key) => config.get<string>(`cluster.${key}`)),
      }),
      ConfigModule.forRoot({
        isGlobal: true,
        ignoreEnvFile: true,
        load: [() => ({ cluster: env })],
      }),
    ),

  'forRootAsync useClass': ({ config }) =>
    AppModule.with(
      AlternatorModule.forRootAsync({
        imports: [SettingsModule.register(config)],
        useClass: AlternatorSettings,
      }),
    ),

  'forRootAsync useExisting': ({ config }) => {
    // One module object, so the app and the Alternator module share one AlternatorSettings.
    const settings = SettingsModule.register(config);
    return AppModule.with(
      AlternatorModule.forRootAsync({ imports: [settings], useExisting: AlternatorSettings }),
      settings,
    );
  },

  'forRootAsync useClass with extraProviders': ({ config }) =>
    AppModule.with(
      AlternatorModule.forRootAsync({
        useClass: AlternatorSettings,
        extraProviders: [{ provide: CLUSTER_SETTINGS, useValue: config }],
      }),
    ),
};
