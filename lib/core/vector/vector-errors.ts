// The vector errors live with every other error class in errors.ts; this path stays for imports.
export {
  InvalidVectorError,
  VectorIndexNotReadyError,
  VectorSearchUnsupportedError,
} from '../errors.js';
