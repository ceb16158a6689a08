import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AlternatorError, ConfigurationError, NoNodesAvailableError } from './errors.js';

describe('errors', () => {
  it('are AlternatorErrors with their own names', () => {
    const errors = [new ConfigurationError('x'), new NoNodesAvailableError()];
    for (const error of errors) {
      expect(error).toBeInstanceOf(AlternatorError);
      expect(error).toBeInstanceOf(Error);
    }
    expect(errors.map((error) => error.name)).toEqual([
      'ConfigurationError',
      'NoNodesAvailableError',
    ]);
    expect(new AlternatorError('boom').name).toBe('AlternatorError');
  });

  it('lists each configuration problem on its own line after the heading', () => {
    const error = new ConfigurationError(
      ['port must be an integer number', 'seedHosts is required'],
      'Invalid options',
    );
    expect(error.message).toBe(
      'Invalid options:\n  - port must be an integer number\n  - seedHosts is required',
    );
    expect(error.problems).toEqual(['port must be an integer number', 'seedHosts is required']);
  });

  it('keeps the cause of a NoNodesAvailableError', () => {
    const cause = new Error('connect ECONNREFUSED');
    expect(new NoNodesAvailableError('all down', { cause }).cause).toBe(cause);
  });
});

describe('the error module', () => {
  it('holds every error class the package throws, and the root entry exports each', async () => {
    const errors = await import('./errors.js');
    const root = (await import('../index.js')) as Record<string, unknown>;
    const classes = Object.entries(errors).filter(
      ([, value]) =>
        typeof value === 'function' &&
        (value === AlternatorError || value.prototype instanceof AlternatorError),
    );
    expect(classes.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'ConfigurationError',
        'NoNodesAvailableError',
        'TlsVerificationError',
        'ResponseDecompressionError',
        'ResponseTooLargeError',
        'ResponseTimeoutError',
        'ResponseInterruptedError',
        'MalformedResponseError',
        'InvalidVectorError',
        'VectorSearchUnsupportedError',
        'VectorIndexNotReadyError',
      ]),
    );
    for (const [name, value] of classes) expect(root[name]).toBe(value);
  });

  it('is the only place an error class is declared', () => {
    const libDir = fileURLToPath(new URL('..', import.meta.url));
    const declaredElsewhere = sourceFiles(libDir)
      .map((file) => relative(libDir, file))
      .filter((file) => file !== join('core', 'errors.ts') && !file.endsWith('.spec.ts'))
      .filter((file) =>
        /class \w+ extends \w*Error\b/.test(readFileSync(join(libDir, file), 'utf8')),
      );
    // Internal to the affinity parser, caught there and never thrown to callers.
    expect(declaredElsewhere).toEqual(['core/affinity/update-expression.ts']);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}
