export {
  float32List,
  float32Vector,
  float32VectorOf,
  isFloat32VectorValue,
  type Float32VectorAttributeValue,
  type VectorValues,
} from '../core/vector/float32-vector.js';
export * from '../core/vector/scylla-vector-api.js';
export * from '../core/vector/vector-commands.js';
export * from '../core/vector/vector-document-commands.js';
export * from '../core/vector/vector-encoding.js';
export * from '../core/vector/vector-search-probe.js';
export {
  waitForVectorIndexActive,
  type AnyVectorIndexDescription,
  type WaitForVectorIndexOptions,
} from '../core/vector/wait-for-vector-index.js';
export {
  AlternatorError,
  InvalidVectorError,
  VectorIndexNotReadyError,
  VectorSearchUnsupportedError,
} from '../core/errors.js';
