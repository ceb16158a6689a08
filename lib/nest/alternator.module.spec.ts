import { describe, expect, it } from '@jest/globals';
import { Injectable, type DynamicModule, type Provider } from '@nestjs/common';
import { ConfigurationError } from '../core/index.js';
import { AlternatorCoreModule } from './alternator-core.module.js';
import { AlternatorModule } from './alternator.module.js';
import {
  getAlternatorClientToken,
  getAlternatorClusterToken,
  getAlternatorDocumentClientToken,
  getAlternatorModuleOptionsToken,
} from './common/alternator.utils.js';
import type { AlternatorOptionsFactory } from './interfaces/index.js';

const config = { seedHosts: ['127.0.0.1'], port: 8000 };

@Injectable()
class OptionsFactory implements AlternatorOptionsFactory {
  createAlternatorOptions() {
    return config;
  }
}

function coreOf(facade: DynamicModule): DynamicModule {
  expect(facade.module).toBe(AlternatorModule);
  const [core] = facade.imports as DynamicModule[];
  expect(facade.exports).toEqual([core]);
  expect(core.module).toBe(AlternatorCoreModule);
  return core;
}

function tokensOf(providers: Provider[] | undefined): unknown[] {
  return (providers ?? []).map((provider) =>
    typeof provider === 'function' ? provider : provider.provide,
  );
}

describe('token helpers', () => {
  it('use plain string tokens, unprefixed for the default cluster', () => {
    expect(getAlternatorClientToken()).toBe('AlternatorClient');
    expect(getAlternatorClientToken('default')).toBe('AlternatorClient');
    expect(getAlternatorDocumentClientToken()).toBe('AlternatorDocumentClient');
    expect(getAlternatorClusterToken()).toBe('AlternatorCluster');
    expect(getAlternatorClientToken('orders')).toBe('ordersAlternatorClient');
    expect(getAlternatorDocumentClientToken('orders')).toBe('ordersAlternatorDocumentClient');
    expect(getAlternatorClusterToken('orders')).toBe('ordersAlternatorCluster');
  });
});

describe('AlternatorModule.forRoot', () => {
  it('registers a global core module that exports only the three cluster tokens', () => {
    const core = coreOf(AlternatorModule.forRoot(config));
    expect(core.global).toBe(true);
    expect(core.exports).toEqual([
      'AlternatorClient',
      'AlternatorDocumentClient',
      'AlternatorCluster',
    ]);
    expect(tokensOf(core.providers)).toEqual(
      expect.arrayContaining([
        getAlternatorModuleOptionsToken(),
        'AlternatorClient',
        'AlternatorDocumentClient',
        'AlternatorCluster',
      ]),
    );
  });

  it('scopes every token by name and honours isGlobal: false', () => {
    const core = coreOf(AlternatorModule.forRoot({ ...config, name: 'orders', isGlobal: false }));
    expect(core.global).toBe(false);
    expect(core.exports).toEqual([
      'ordersAlternatorClient',
      'ordersAlternatorDocumentClient',
      'ordersAlternatorCluster',
    ]);
    expect(tokensOf(core.providers)).toContain('ordersAlternatorModuleOptions');
  });

  it('returns a new module object per call, so two registrations never share a client', () => {
    const first = AlternatorModule.forRoot(config);
    const second = AlternatorModule.forRoot(config);
    expect(first).not.toBe(second);
    expect(coreOf(first)).not.toBe(coreOf(second));
  });

  it.each([[''], ['   '], [42]])('rejects the name %p at once', (name) => {
    expect(() => AlternatorModule.forRoot({ ...config, name: name as string })).toThrow(
      /AlternatorModule\.forRoot registration:\n {2}- name must be a non-empty string/,
    );
  });
});

describe('AlternatorModule.forRootAsync', () => {
  it('passes imports through and appends extraProviders', () => {
    const extra = { provide: 'EXTRA', useValue: 1 };
    class SomeModule {}
    const core = coreOf(
      AlternatorModule.forRootAsync({
        name: 'billing',
        imports: [SomeModule],
        useFactory: () => config,
        extraProviders: [extra],
      }),
    );
    expect(core.imports).toEqual([SomeModule]);
    expect(core.providers).toContain(extra);
    expect(core.exports).toContain('billingAlternatorClient');
  });

  it('instantiates a useClass factory inside the module, but not a useExisting one', () => {
    const withClass = coreOf(AlternatorModule.forRootAsync({ useClass: OptionsFactory }));
    expect(tokensOf(withClass.providers)).toContain(OptionsFactory);
    const withExisting = coreOf(AlternatorModule.forRootAsync({ useExisting: OptionsFactory }));
    expect(tokensOf(withExisting.providers)).not.toContain(OptionsFactory);
  });

  it('rejects a registration without an options source, naming the three choices', () => {
    expect(() => AlternatorModule.forRootAsync({ name: 'orders' })).toThrow(ConfigurationError);
    expect(() => AlternatorModule.forRootAsync({ name: 'orders' })).toThrow(
      'Invalid AlternatorModule.forRootAsync registration (cluster "orders"):\n' +
        '  - give one of useFactory, useClass or useExisting to build the options',
    );
  });

  it('rejects two options sources at once, naming them', () => {
    expect(() =>
      AlternatorModule.forRootAsync({ useFactory: () => config, useClass: OptionsFactory }),
    ).toThrow('not useFactory and useClass');
    expect(() =>
      AlternatorModule.forRootAsync({
        useFactory: () => config,
        useClass: OptionsFactory,
        useExisting: OptionsFactory,
      }),
    ).toThrow('not useFactory and useClass and useExisting');
  });

  it.each([[''], [null], [{}]])('rejects the name %p before any factory runs', (name) => {
    let factoryRan = false;
    const register = () =>
      AlternatorModule.forRootAsync({
        name: name as string,
        useFactory: () => {
          factoryRan = true;
          return config;
        },
      });
    expect(register).toThrow('name must be a non-empty string');
    expect(factoryRan).toBe(false);
  });
});
