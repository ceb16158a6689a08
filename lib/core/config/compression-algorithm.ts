/**
 * How request bodies are compressed before signing.
 *
 * @publicApi
 */
export enum CompressionAlgorithm {
  /** Bodies are sent as they are. */
  NONE = 'NONE',
  /** `Content-Encoding: gzip` (ScyllaDB 2026.1 or later). */
  GZIP = 'GZIP',
  /** `Content-Encoding: deflate` (zlib format). */
  DEFLATE = 'DEFLATE',
}
