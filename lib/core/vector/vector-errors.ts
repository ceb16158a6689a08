import { AlternatorError } from '../errors.js';
import { matchInstancesAcrossBuilds } from '../cross-build-instanceof.js';

/**
 * Thrown before sending when a vector holds a value the server would reject: something that is
 * not a number, or a number that is not finite as a 32-bit float (NaN, ±Infinity, or beyond
 * ±3.4028234663852886e38).
 *
 * @publicApi
 */
export class InvalidVectorError extends AlternatorError {
  static {
    matchInstancesAcrossBuilds(this, 'InvalidVectorError');
  }

  constructor(
    message: string,
    /** The attribute the vector was meant for, when the caller named it. */
    readonly attributeName: string | undefined,
    /** Position of the first bad element. */
    readonly index: number,
  ) {
    super(message);
  }
}

/**
 * Thrown when the server does not speak the vector-search API a request needs (for example
 * `SearchVectors` before ScyllaDB 2026.4, or `Scores` before 2026.3), instead of returning a
 * result that silently lacks what was asked for.
 *
 * @publicApi
 */
export class VectorSearchUnsupportedError extends AlternatorError {
  static {
    matchInstancesAcrossBuilds(this, 'VectorSearchUnsupportedError');
  }
}

/**
 * Thrown by `waitForVectorIndexActive` when the index is missing, being deleted, or not ready in
 * time.
 *
 * @publicApi
 */
export class VectorIndexNotReadyError extends AlternatorError {
  static {
    matchInstancesAcrossBuilds(this, 'VectorIndexNotReadyError');
  }

  constructor(
    message: string,
    /** The table that was described. */
    readonly tableName: string,
    /** The vector index that was waited for. */
    readonly indexName: string,
    /** The last `IndexStatus` seen, or undefined when the index was not found. */
    readonly lastStatus: string | undefined,
  ) {
    super(message);
  }
}
