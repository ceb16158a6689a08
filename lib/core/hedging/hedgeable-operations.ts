import { isReadOperationName } from '../read-operations.js';

/**
 * Whether `operation` (the part of `X-Amz-Target` after the dot) may be hedged: a read that
 * changes nothing (an item read, a query or scan, a vector search, a Describe or List call), but
 * never a transaction, not even `TransactGetItems` (a transaction may conflict with and cancel
 * others), and never a write.
 */
export function isHedgeableOperation(operation: string): boolean {
  return operation !== 'TransactGetItems' && isReadOperationName(operation);
}
