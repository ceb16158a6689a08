/**
 * DynamoDB operations that only read: sending one twice changes nothing, so a failed attempt may
 * be repeated on another node. Anything not listed (writes, transactions, table changes, and
 * operations this list does not know) is treated as a write.
 */
const READ_OPERATIONS: ReadonlySet<string> = new Set([
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'SearchVectors',
  'TransactGetItems',
  'DescribeTable',
  'DescribeTimeToLive',
  'DescribeContinuousBackups',
  'DescribeEndpoints',
  'ListTables',
  'ListTagsOfResource',
  'ListStreams',
  'DescribeStream',
  'GetShardIterator',
  'GetRecords',
]);

/** Whether the operation named in `X-Amz-Target` (`DynamoDB_20120810.GetItem`) only reads. */
export function isReadOperation(target: string | undefined): boolean {
  if (target === undefined) return false;
  return isReadOperationName(target.slice(target.indexOf('.') + 1));
}

/** Whether `operation` (`GetItem`: the target without its prefix) only reads. */
export function isReadOperationName(operation: string): boolean {
  return READ_OPERATIONS.has(operation);
}
