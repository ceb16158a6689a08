import { matchInstancesAcrossBuilds } from './cross-build-instanceof.js';

/**
 * Base class of every error this package throws on its own account, so callers can tell them
 * apart from DynamoDB service errors with one `instanceof` check.
 *
 * @publicApi
 */
export class AlternatorError extends Error {
  static {
    matchInstancesAcrossBuilds(this, 'AlternatorError');
  }

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Thrown when options are invalid. `problems` lists every bad option, so one run shows all of
 * them instead of one per restart.
 *
 * @publicApi
 */
export class ConfigurationError extends AlternatorError {
  static {
    matchInstancesAcrossBuilds(this, 'ConfigurationError');
  }

  /** One entry per bad option, each naming the option and what to change. */
  readonly problems: string[];

  /**
   * @param problems what is wrong, one entry per option (a single string is one problem)
   * @param heading first line of the message. Default: `Invalid Alternator configuration`
   */
  constructor(problems: string | readonly string[], heading = 'Invalid Alternator configuration') {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super([`${heading}:`, ...list.map((problem) => `  - ${problem}`)].join('\n'));
    this.problems = list;
  }
}

/**
 * Thrown when a request has no node left to go to: every known node is down, or none is known.
 *
 * @publicApi
 */
export class NoNodesAvailableError extends AlternatorError {
  static {
    matchInstancesAcrossBuilds(this, 'NoNodesAvailableError');
  }

  constructor(
    message = 'No Alternator node is available: every known node is down or none was discovered',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
