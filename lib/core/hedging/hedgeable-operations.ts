/** Reads that change nothing, so sending one twice is harmless. */
const HEDGEABLE_OPERATIONS: ReadonlySet<string> = new Set([
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'SearchVectors',
]);

/**
 * Whether `operation` (the part of `X-Amz-Target` after the dot) may be hedged: an item read, a
 * query or scan, a vector search, or a `Describe*` / `List*` call. Never a write, never a
 * transaction (`TransactGetItems` included: transactions are not retried blindly), never PartiQL
 * (`ExecuteStatement` may write).
 */
export function isHedgeableOperation(operation: string): boolean {
  return (
    HEDGEABLE_OPERATIONS.has(operation) ||
    operation.startsWith('Describe') ||
    operation.startsWith('List')
  );
}
