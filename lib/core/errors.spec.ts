import { describe, expect, it } from '@jest/globals';
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
