import type { AlternatorErrorReply } from '../alternator-errors.js';
import { isJsonObject, validation, type JsonObject } from './json-values.js';

/** The `ExpressionAttributeNames` and `ExpressionAttributeValues` of a request. */
export interface ExpressionAttributes {
  names: Record<string, unknown>;
  values: Record<string, unknown>;
}

export function expressionAttributesOf(request: JsonObject): ExpressionAttributes {
  return {
    names: isJsonObject(request.ExpressionAttributeNames) ? request.ExpressionAttributeNames : {},
    values: isJsonObject(request.ExpressionAttributeValues)
      ? request.ExpressionAttributeValues
      : {},
  };
}

/** The `#name` and `:value` tokens an expression mentions. */
export function tokensOf(expression: unknown): { names: string[]; values: string[] } {
  const text = typeof expression === 'string' ? expression : '';
  return {
    names: text.match(/#[A-Za-z0-9_]+/g) ?? [],
    values: text.match(/:[A-Za-z0-9_]+/g) ?? [],
  };
}

/**
 * DynamoDB refuses empty maps and placeholders no expression uses, naming them, so a typo in
 * an expression is not silently ignored.
 */
export function unusedAttributesError(
  request: JsonObject,
  usedNames: ReadonlySet<string>,
  usedValues: ReadonlySet<string>,
): AlternatorErrorReply | undefined {
  for (const [member, used] of [
    ['ExpressionAttributeNames', usedNames],
    ['ExpressionAttributeValues', usedValues],
  ] as const) {
    const provided = request[member];
    if (provided === undefined) {
      continue;
    }
    if (!isJsonObject(provided) || Object.keys(provided).length === 0) {
      return validation(`${member} must not be empty`);
    }
    const unused = Object.keys(provided).filter((token) => !used.has(token));
    if (unused.length > 0) {
      return validation(
        `Value provided in ${member} unused in expressions: keys: {${unused.join(', ')}}`,
      );
    }
  }
  return undefined;
}
