import { parseUpdateExpression, UpdateExpressionSyntaxError } from './update-expression.js';

/** Single-item writes whose read-before-write status {@link needsReadBeforeWrite} decides. */
export type SingleItemWrite = 'PutItem' | 'UpdateItem' | 'DeleteItem';

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The server reads `Expected` by presence and rejects an empty `ConditionExpression`. */
function hasCondition(input: Record<string, unknown>): boolean {
  return (
    isPresent(input.Expected) ||
    (isPresent(input.ConditionExpression) && input.ConditionExpression !== '')
  );
}

function updateExpressionReads(expression: unknown): boolean {
  if (typeof expression !== 'string') return true;
  try {
    return parseUpdateExpression(expression).some(
      (action) =>
        action.nested || action.clause === 'ADD' || action.clause === 'DELETE' || action.readsPath,
    );
  } catch (error) {
    if (error instanceof UpdateExpressionSyntaxError) return true;
    throw error;
  }
}

function attributeUpdatesRead(updates: unknown): boolean {
  if (typeof updates !== 'object' || updates === null) return false;
  return Object.values(updates as Record<string, unknown>).some((update) => {
    if (typeof update !== 'object' || update === null) return false;
    const { Action, Value } = update as { Action?: unknown; Value?: unknown };
    return Action === 'ADD' || (Action === 'DELETE' && isPresent(Value));
  });
}

/**
 * Whether Alternator reads the item before applying this write, which is exactly when a server
 * with `alternator_write_isolation: only_rmw_uses_lwt` turns it into an LWT (Paxos) write, and
 * so when key affinity in `RMW` mode pins it to the key's coordinator. Mirrors the server's
 * `needs_read_before_write()`, not the other clients' coarser rule that pins every
 * UpdateExpression:
 *
 * - PutItem, DeleteItem: `Expected` present, a non-empty `ConditionExpression`, or
 *   `ReturnValues: 'ALL_OLD'`.
 * - UpdateItem: `Expected` or a `ConditionExpression`; `ReturnValues` other than `NONE` or
 *   `UPDATED_NEW`; an `UpdateExpression` with any ADD or DELETE action, any action on a nested
 *   path, or a SET whose right-hand side reads a path (`a = a + :x`, `list_append(a, :l)`,
 *   `if_not_exists(a, :v)`); legacy `AttributeUpdates` with ADD, or DELETE with a Value.
 *   `SET a = :v` and `REMOVE a` on top-level attributes are blind writes.
 *
 * An UpdateExpression this parser cannot read counts as read-modify-write. If the server
 * rejects it too, where the request went does not matter; if the server accepts syntax we do
 * not know, pinning keeps concurrent LWTs on one coordinator, while a wrong "blind" verdict
 * would let them contend. Pinning a blind write by mistake only costs some load spread.
 */
export function needsReadBeforeWrite(operation: SingleItemWrite, request: object): boolean {
  // `object`, so SDK inputs (interfaces without an index signature) are accepted as they are.
  const input = request as Record<string, unknown>;
  if (hasCondition(input)) return true;
  if (operation !== 'UpdateItem') return input.ReturnValues === 'ALL_OLD';
  const returnValues = input.ReturnValues;
  if (isPresent(returnValues) && returnValues !== 'NONE' && returnValues !== 'UPDATED_NEW') {
    return true;
  }
  if (isPresent(input.UpdateExpression) && updateExpressionReads(input.UpdateExpression)) {
    return true;
  }
  return attributeUpdatesRead(input.AttributeUpdates);
}
