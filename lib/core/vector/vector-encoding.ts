/**
 * How the document client writes `Float32Array` values.
 *
 * @publicApi
 */
export enum VectorEncoding {
  /**
   * A list of numbers (`{ L: [{ N: '0.1' }, ...] }`): understood by every server with vector
   * search (ScyllaDB 2026.2+ and DynamoDB), read back as `number[]`.
   */
  NUMBER_LIST = 'NUMBER_LIST',
  /**
   * ScyllaDB's `FLOAT32VECTOR` (2026.3+): a third of the request bytes, stored packed, read back
   * as `Float32Array`. Older servers and DynamoDB reject it.
   */
  FLOAT32VECTOR = 'FLOAT32VECTOR',
}

/**
 * Options of `createAlternatorDocumentClient`.
 *
 * @publicApi
 */
export interface AlternatorDocumentClientOptions {
  /**
   * How `Float32Array` values (in items, keys, expression values and a vector query's
   * `QueryVector`) are written. Reading does not depend on it: `FLOAT32VECTOR` values always
   * come back as `Float32Array`. Default: `VectorEncoding.NUMBER_LIST`
   */
  vectorEncoding?: VectorEncoding;
}
