import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DEFAULT_ALTERNATOR_CLUSTER_NAME } from './alternator.constants.js';
import { ConfigurationError } from '../core/index.js';
import {
  conflictingOptionsSourcesProblem,
  invalidClusterNameProblem,
  missingOptionsSourceProblem,
  registrationContext,
} from './alternator.messages.js';
import {
  createAlternatorAsyncOptionsProviders,
  createAlternatorClientProviders,
  createAlternatorOptionsProvider,
} from './alternator.providers.js';
import {
  getAlternatorClientToken,
  getAlternatorClusterToken,
  getAlternatorDocumentClientToken,
} from './common/alternator.utils.js';
import type { AlternatorModuleAsyncOptions, AlternatorModuleOptions } from './interfaces/index.js';

/**
 * Builds one cluster's providers. Each `forRoot`/`forRootAsync` call returns a new module object,
 * and Nest keeps dynamic modules apart by reference, so every registration owns its client and
 * lifecycle host; only the name-scoped tokens are exported.
 */
@Module({})
export class AlternatorCoreModule {
  static forRoot(options: AlternatorModuleOptions): DynamicModule {
    const { name, isGlobal, ...config } = options;
    const clusterName = checkClusterName('forRoot', name);
    return AlternatorCoreModule.assemble(clusterName, isGlobal, [
      createAlternatorOptionsProvider(clusterName, config),
    ]);
  }

  static forRootAsync(options: AlternatorModuleAsyncOptions): DynamicModule {
    const clusterName = checkClusterName('forRootAsync', options.name);
    checkSingleOptionsSource(clusterName, options);
    return AlternatorCoreModule.assemble(
      clusterName,
      options.isGlobal,
      [
        ...createAlternatorAsyncOptionsProviders(clusterName, options),
        ...(options.extraProviders ?? []),
      ],
      options.imports,
    );
  }

  private static assemble(
    name: string,
    isGlobal: boolean | undefined,
    optionsProviders: Provider[],
    imports: DynamicModule['imports'] = [],
  ): DynamicModule {
    return {
      module: AlternatorCoreModule,
      global: isGlobal ?? true,
      imports,
      providers: [...optionsProviders, ...createAlternatorClientProviders(name)],
      exports: [
        getAlternatorClientToken(name),
        getAlternatorDocumentClientToken(name),
        getAlternatorClusterToken(name),
      ],
    };
  }
}

/** Tokens derive from the name synchronously, so a bad name must fail before any factory runs. */
function checkClusterName(method: string, name: unknown): string {
  if (name === undefined) return DEFAULT_ALTERNATOR_CLUSTER_NAME;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ConfigurationError(invalidClusterNameProblem(name), registrationContext(method));
  }
  return name;
}

function checkSingleOptionsSource(name: string, options: AlternatorModuleAsyncOptions): void {
  const given = (['useFactory', 'useClass', 'useExisting'] as const).filter(
    (key) => options[key] !== undefined,
  );
  if (given.length === 1) return;
  const problem =
    given.length === 0 ? missingOptionsSourceProblem() : conflictingOptionsSourcesProblem(given);
  throw new ConfigurationError(problem, registrationContext('forRootAsync', name));
}
