// Vector search moved to 'nestjs-alternator/vector'. The root keeps each old name for one minor
// version, declared here rather than re-exported: editors and lint flag a deprecated name only
// when the JSDoc sits on a declaration of its own.
import * as vector from './vector/index.js';

/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export const float32List: typeof vector.float32List = vector.float32List;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export const float32Vector: typeof vector.float32Vector = vector.float32Vector;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export const float32VectorOf: typeof vector.float32VectorOf = vector.float32VectorOf;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export const isFloat32VectorValue: typeof vector.isFloat32VectorValue = vector.isFloat32VectorValue;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export const probeVectorSearchSupport: typeof vector.probeVectorSearchSupport =
  vector.probeVectorSearchSupport;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export const waitForVectorIndexActive: typeof vector.waitForVectorIndexActive =
  vector.waitForVectorIndexActive;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export const VectorSimilarityFunction: typeof vector.VectorSimilarityFunction =
  vector.VectorSimilarityFunction;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export const VectorReturnScores: typeof vector.VectorReturnScores = vector.VectorReturnScores;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export const VectorCreateTableCommand: typeof vector.VectorCreateTableCommand =
  vector.VectorCreateTableCommand;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export const VectorUpdateTableCommand: typeof vector.VectorUpdateTableCommand =
  vector.VectorUpdateTableCommand;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export const VectorDescribeTableCommand: typeof vector.VectorDescribeTableCommand =
  vector.VectorDescribeTableCommand;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export const VectorQueryCommand: typeof vector.VectorQueryCommand = vector.VectorQueryCommand;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export const VectorDocumentQueryCommand: typeof vector.VectorDocumentQueryCommand =
  vector.VectorDocumentQueryCommand;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorSimilarityFunction = vector.VectorSimilarityFunction;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorReturnScores = vector.VectorReturnScores;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorCreateTableCommand = vector.VectorCreateTableCommand;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorUpdateTableCommand = vector.VectorUpdateTableCommand;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorDescribeTableCommand = vector.VectorDescribeTableCommand;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorQueryCommand = vector.VectorQueryCommand;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorDocumentQueryCommand = vector.VectorDocumentQueryCommand;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type Float32VectorAttributeValue = vector.Float32VectorAttributeValue;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorValues = vector.VectorValues;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type ScyllaVectorIndex = vector.ScyllaVectorIndex;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type ScyllaVectorIndexDescription = vector.ScyllaVectorIndexDescription;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorTableDescription = vector.VectorTableDescription;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type ScyllaVectorIndexUpdate = vector.ScyllaVectorIndexUpdate;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorSearch = vector.VectorSearch;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorCreateTableCommandInput = vector.VectorCreateTableCommandInput;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorCreateTableCommandOutput = vector.VectorCreateTableCommandOutput;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorUpdateTableCommandInput = vector.VectorUpdateTableCommandInput;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorUpdateTableCommandOutput = vector.VectorUpdateTableCommandOutput;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorDescribeTableCommandInput = vector.VectorDescribeTableCommandInput;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorDescribeTableCommandOutput = vector.VectorDescribeTableCommandOutput;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorQueryCommandInput = vector.VectorQueryCommandInput;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorQueryCommandOutput = vector.VectorQueryCommandOutput;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type DocumentVectorSearch = vector.DocumentVectorSearch;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorDocumentQueryCommandInput = vector.VectorDocumentQueryCommandInput;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorDocumentQueryCommandOutput = vector.VectorDocumentQueryCommandOutput;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorSearchSupport = vector.VectorSearchSupport;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type VectorSearchProbeOptions = vector.VectorSearchProbeOptions;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type WaitForVectorIndexOptions = vector.WaitForVectorIndexOptions;
/** @deprecated Import from 'nestjs-alternator/vector'; removed in 0.3.0. */
export type AnyVectorIndexDescription = vector.AnyVectorIndexDescription;
