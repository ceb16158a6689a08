import { typedValue } from './json-values.js';
import type { LocalAlternatorServerVersion } from '../local-cluster-options.interface.js';
import type { SearchSchemaAttribute } from './vector-index-definition.js';

/** The messages of a refused vector write, per release. */
export interface VectorWriteMessages {
  type(type: string): string;
  size(size: number): string;
  notNumber(): string;
  notFloat32(text: string): string;
}

/**
 * 2026.2 and 2026.3 use Alternator's messages (alternator/executor.cc, "list or vector" once
 * FLOAT32VECTOR exists); 2026.4 borrows DynamoDB's, as no Alternator source at hand gives its own.
 */
export function vectorMessages(
  release: LocalAlternatorServerVersion,
  name: string,
  dimensions: number,
): VectorWriteMessages {
  if (release === '2026.4') {
    const invalid = `Invalid value for parameter ${name}: every element must be a number that a 32-bit float can represent`;
    return {
      // DynamoDB's own (misleading) answer to a number set in a vector attribute.
      type: (type: string) =>
        type === 'NS'
          ? 'Input collection contains duplicates'
          : `Invalid type for parameter ${name}, Expected: L of ${dimensions} N, Actual: ${type}`,
      size: (size: number) =>
        `Invalid size for parameter ${name}, Expected: ${dimensions}, Actual: ${size}`,
      notNumber: () => invalid,
      notFloat32: () => invalid,
    };
  }
  const shape = release === '2026.2' ? 'a list' : 'a list or vector';
  const target = `Vector index attribute '${name}'`;
  return {
    type: (type: string) => `${target} must be ${shape} of ${dimensions} numbers, got type ${type}`,
    size: (size: number) =>
      `${target} must be ${shape} of exactly ${dimensions} numbers, got ${size} elements`,
    notNumber: () => `${target} must contain only numbers`,
    notFloat32: (text: string) =>
      `${target} element '${text}' cannot be represented as a 32-bit float`,
  };
}

/** Why a value cannot go into a SearchSchema attribute (2026.4), or undefined. */
export function searchValueProblem(
  element: SearchSchemaAttribute,
  indexName: string,
  value: unknown,
): string | undefined {
  const [type, content] = typedValue(value) ?? ['', undefined];
  const attribute = `${element.elementType} attribute ${element.attributeName} of vector index ${indexName}`;
  if (type !== element.attributeType) {
    return `One or more parameter values were invalid: Type mismatch for ${attribute}: expected ${element.attributeType}, got ${type}`;
  }
  if (content === '') {
    return `One or more parameter values were invalid: ${attribute} cannot be an empty string`;
  }
  return undefined;
}
