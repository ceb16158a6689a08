import { Logger, type Provider, type Type } from '@nestjs/common';
import {
  ConfigurationError,
  createAlternatorClient,
  createAlternatorDocumentClient,
  SealedCredentials,
  type AlternatorClient,
  type AlternatorConfig,
} from '../core/index.js';
import { resolveAlternatorConfig } from '../core/config/alternator-config.js';
import { ALTERNATOR_LOGGER_CONTEXT } from './alternator.constants.js';
import { AlternatorLifecycleHost } from './alternator-lifecycle.host.js';
import {
  alternatorOptionsContext,
  invalidOptionsHeading,
  optionsNotAnObjectProblem,
  structuralOptionFromFactoryProblem,
} from './alternator.messages.js';
import {
  getAlternatorClientToken,
  getAlternatorClusterToken,
  getAlternatorDocumentClientToken,
  getAlternatorModuleOptionsToken,
} from './common/alternator.utils.js';
import type {
  AlternatorModuleAsyncOptions,
  AlternatorModuleFactoryOptions,
  AlternatorOptionsFactory,
} from './interfaces/index.js';

/** The validated options of a `forRoot` registration. */
export function createAlternatorOptionsProvider(
  name: string,
  options: AlternatorModuleFactoryOptions,
): Provider {
  return {
    provide: getAlternatorModuleOptionsToken(name),
    useFactory: () => validateAlternatorOptions(name, options),
  };
}

/** The validated options of a `forRootAsync` registration, plus the `useClass` factory itself. */
export function createAlternatorAsyncOptionsProviders(
  name: string,
  options: AlternatorModuleAsyncOptions,
): Provider[] {
  const provide = getAlternatorModuleOptionsToken(name);
  const { useFactory, useClass, useExisting } = options;
  if (useFactory) {
    return [
      {
        provide,
        useFactory: async (...args: unknown[]) =>
          validateAlternatorOptions(name, await useFactory(...(args as never[]))),
        inject: options.inject ?? [],
      },
    ];
  }
  // forRootAsync has already checked that exactly one source is given.
  const factoryClass = (useClass ?? useExisting) as Type<AlternatorOptionsFactory>;
  const optionsProvider: Provider = {
    provide,
    useFactory: async (factory: AlternatorOptionsFactory) =>
      validateAlternatorOptions(name, await factory.createAlternatorOptions(name)),
    inject: [factoryClass],
  };
  return useClass ? [optionsProvider, { provide: useClass, useClass }] : [optionsProvider];
}

/**
 * The cluster's client, document client and cluster view, and the host that starts and stops its
 * background work. The client runs its bounded first discovery here, so traffic spreads from the
 * first request; timers only start in `onApplicationBootstrap`.
 */
export function createAlternatorClientProviders(name: string): Provider[] {
  const clientToken = getAlternatorClientToken(name);
  return [
    {
      provide: clientToken,
      useFactory: (config: AlternatorConfig) =>
        createAlternatorClient(config, { startBackgroundTasks: false }),
      inject: [getAlternatorModuleOptionsToken(name)],
    },
    {
      provide: getAlternatorDocumentClientToken(name),
      useFactory: (client: AlternatorClient) => createAlternatorDocumentClient(client),
      inject: [clientToken],
    },
    {
      provide: getAlternatorClusterToken(name),
      useFactory: (client: AlternatorClient) => client.cluster,
      inject: [clientToken],
    },
    {
      provide: AlternatorLifecycleHost,
      useFactory: (client: AlternatorClient) => new AlternatorLifecycleHost(client, name),
      inject: [clientToken],
    },
  ];
}

/**
 * Fails the bootstrap with one `ConfigurationError` naming the cluster and every bad option,
 * gives the client Nest's logger unless the user chose one, and seals the credentials.
 */
function validateAlternatorOptions(name: string, options: unknown): AlternatorConfig {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigurationError(optionsNotAnObjectProblem(options), invalidOptionsHeading(name));
  }
  const structural = ['name', 'isGlobal'].filter((key) => key in options);
  if (structural.length > 0) {
    const problems = structural.map(structuralOptionFromFactoryProblem);
    throw new ConfigurationError(problems, invalidOptionsHeading(name));
  }
  const config = options as AlternatorConfig;
  const withLogger: AlternatorConfig = {
    ...config,
    logger: config.logger ?? new Logger(ALTERNATOR_LOGGER_CONTEXT),
  };
  resolveAlternatorConfig(withLogger, alternatorOptionsContext(name));
  // The options stay in the container for the module's lifetime: keep the secret out of sight.
  if (withLogger.credentials) withLogger.credentials = SealedCredentials.of(withLogger.credentials);
  return withLogger;
}
