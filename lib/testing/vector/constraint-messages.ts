import type { AlternatorErrorReply } from '../alternator-errors.js';
import { serialization, validation } from './json-values.js';

// DynamoDB's wording for members that break the constraints of its model.

export function notNull(path: string): AlternatorErrorReply {
  return validation(
    `1 validation error detected: Value null at '${path}' failed to satisfy constraint: ` +
      'Member must not be null',
  );
}

export function constraint(value: unknown, path: string, rule: string): AlternatorErrorReply {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return validation(
    `1 validation error detected: Value '${text}' at '${path}' failed to satisfy constraint: ${rule}`,
  );
}

function enumRule(values: readonly string[]): string {
  return `Member must satisfy enum value set: [${values.join(', ')}]`;
}

/** A required member that must be one of `values`: absent, or not one of them. */
export function enumProblem(
  value: unknown,
  path: string,
  values: readonly string[],
): AlternatorErrorReply | undefined {
  if (values.includes(value as string)) {
    return undefined;
  }
  return value === undefined ? notNull(path) : constraint(value, path, enumRule(values));
}

/** A required, non-empty string member: absent, empty, or not a string at all. */
export function requiredString(value: unknown, path: string): AlternatorErrorReply {
  if (value === undefined) {
    return notNull(path);
  }
  return typeof value === 'string'
    ? constraint(value, path, 'Member must have length greater than or equal to 1')
    : serialization(`${path} must be a string, got ${JSON.stringify(value)}`);
}
