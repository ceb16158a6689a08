/** How a local node serves one API operation. */
export type OperationRoute = 'store' | 'describe-endpoints' | 'not-emulated' | 'unsupported';

/** Operations Alternator implements that the dynalite store also implements. */
const STORE_OPERATIONS = new Set([
  'BatchGetItem',
  'BatchWriteItem',
  'CreateTable',
  'DeleteItem',
  'DeleteTable',
  'DescribeTable',
  'DescribeTimeToLive',
  'GetItem',
  'ListTables',
  'ListTagsOfResource',
  'PutItem',
  'Query',
  'Scan',
  'TagResource',
  'UntagResource',
  'UpdateItem',
  'UpdateTable',
]);

/** Operations Alternator implements that the local store cannot serve. */
const NOT_EMULATED_OPERATIONS = new Set([
  'UpdateTimeToLive',
  'ListStreams',
  'DescribeStream',
  'GetShardIterator',
  'GetRecords',
  'DescribeContinuousBackups',
]);

/**
 * Anything outside Alternator's callback table (Transact*, PartiQL, typos) is unsupported, as
 * on the server; the operation is the text after the first '.' of X-Amz-Target.
 */
export function routeOperation(operation: string): OperationRoute {
  if (STORE_OPERATIONS.has(operation)) {
    return 'store';
  }
  if (operation === 'DescribeEndpoints') {
    return 'describe-endpoints';
  }
  return NOT_EMULATED_OPERATIONS.has(operation) ? 'not-emulated' : 'unsupported';
}

export function operationFromTarget(target: string | undefined): string {
  const dot = target === undefined ? -1 : target.indexOf('.');
  return target === undefined || dot < 0 ? '' : target.slice(dot + 1);
}
