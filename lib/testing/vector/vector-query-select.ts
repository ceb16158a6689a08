import type { AlternatorErrorReply } from '../alternator-errors.js';
import { isErrorReply, optionalString, validation, type JsonObject } from './json-values.js';
import { parseProjection, type Selection } from './projection-expression.js';

/** What a vector Query returns: the keys, a count, or items (all or some attributes). */
export type QuerySelect = 'projection' | 'count' | 'regular';

/** Select on a vector index: ALL_PROJECTED_ATTRIBUTES (the keys) unless told otherwise. */
export function parseSelect(request: JsonObject): QuerySelect | AlternatorErrorReply {
  const specific =
    request.ProjectionExpression !== undefined || request.AttributesToGet !== undefined;
  const select = request.Select;
  if (select === undefined) {
    return specific ? 'regular' : 'projection';
  }
  if (typeof select !== 'string') {
    return validation('Select parameter must be a string');
  }
  if (select === 'SPECIFIC_ATTRIBUTES') {
    return specific
      ? 'regular'
      : validation('Select=SPECIFIC_ATTRIBUTES requires AttributesToGet or ProjectionExpression');
  }
  if (specific) {
    return validation(
      'AttributesToGet or ProjectionExpression require Select to be either SPECIFIC_ATTRIBUTES or missing',
    );
  }
  const selects: Record<string, QuerySelect> = {
    COUNT: 'count',
    ALL_ATTRIBUTES: 'regular',
    ALL_PROJECTED_ATTRIBUTES: 'projection',
  };
  return (
    selects[select] ??
    validation(
      `Unknown Select value '${select}'. Allowed choices: ALL_ATTRIBUTES, SPECIFIC_ATTRIBUTES, ` +
        'ALL_PROJECTED_ATTRIBUTES, COUNT',
    )
  );
}

/** The attributes a `regular` select keeps: ProjectionExpression or AttributesToGet. */
export function selectionOf(
  request: JsonObject,
  names: Record<string, unknown>,
): Selection | undefined | AlternatorErrorReply {
  const attributes = request.AttributesToGet;
  if (attributes !== undefined && request.ProjectionExpression !== undefined) {
    return validation(
      'GetItem does not allow both ProjectionExpression and AttributesToGet to be given together',
    );
  }
  if (Array.isArray(attributes)) {
    if (attributes.length === 0) {
      return validation(
        'Empty AttributesToGet is not allowed. Consider using Select=COUNT instead.',
      );
    }
    const list = (attributes as unknown[]).map(String);
    const placeholders = Object.fromEntries(list.map((name, i) => [`#attribute${i}`, name]));
    const parsed = parseProjection(Object.keys(placeholders).join(','), placeholders);
    return isErrorReply(parsed) ? parsed : parsed.selection;
  }
  const expression = optionalString(request, 'ProjectionExpression');
  if (expression === undefined || isErrorReply(expression)) {
    return expression;
  }
  const parsed = parseProjection(expression, names);
  return isErrorReply(parsed) ? parsed : parsed.selection;
}
