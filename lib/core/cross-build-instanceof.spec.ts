import { describe, expect, it } from '@jest/globals';
import { matchInstancesAcrossBuilds } from './cross-build-instanceof.js';
import { AlternatorError, ConfigurationError, NoNodesAvailableError } from './errors.js';
import * as core from './index.js';

/** Stand-ins for the same classes as the other build defines them: same names, other objects. */
class OtherBuildAlternatorError extends Error {
  static {
    matchInstancesAcrossBuilds(this, 'AlternatorError');
  }
}
class OtherBuildConfigurationError extends OtherBuildAlternatorError {
  static {
    matchInstancesAcrossBuilds(this, 'ConfigurationError');
  }
}

describe('instanceof across the ESM and CommonJS builds', () => {
  it('recognises an error thrown by the other build, by its class and its base class', () => {
    const thrown = new OtherBuildConfigurationError('bad');
    expect(thrown instanceof ConfigurationError).toBe(true);
    expect(thrown instanceof AlternatorError).toBe(true);
    expect(new ConfigurationError('bad') instanceof OtherBuildConfigurationError).toBe(true);
  });

  it('still tells sibling classes apart', () => {
    expect(new OtherBuildConfigurationError('bad') instanceof NoNodesAvailableError).toBe(false);
    expect(new NoNodesAvailableError() instanceof ConfigurationError).toBe(false);
    expect(new Error('plain') instanceof AlternatorError).toBe(false);
  });

  it('keeps plain instanceof for subclasses an application writes', () => {
    class AppError extends AlternatorError {}
    expect(new AppError('x') instanceof AppError).toBe(true);
    expect(new AppError('x') instanceof AlternatorError).toBe(true);
    expect(new ConfigurationError('x') instanceof AppError).toBe(false);
  });

  it('covers every public class that derives from a covered one', () => {
    const mark = Symbol.for('nestjs-alternator.class');
    const isClass = (value: unknown): value is object =>
      typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));
    const uncovered = Object.entries<unknown>(core)
      .filter(([, type]) => {
        if (!isClass(type)) return false;
        const parent: unknown = Object.getPrototypeOf(type);
        return typeof parent === 'function' && mark in parent && !Object.hasOwn(type, mark);
      })
      .map(([name]) => name);
    expect(uncovered).toEqual([]);
  });
});
