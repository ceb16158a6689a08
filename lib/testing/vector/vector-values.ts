import { FLOAT32VECTOR, isFloat32VectorValue } from './float32-vector-codec.js';
import { typedValue } from './json-values.js';

const DECIMAL_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The float32 value of a DynamoDB number text, or undefined when it is not finite as float32. */
export function float32OfNumberText(text: unknown): number | undefined {
  if (typeof text !== 'string' || !DECIMAL_NUMBER.test(text)) {
    return undefined;
  }
  const value = Math.fround(Number(text));
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The elements of a vector value (`L` of `N`, or FLOAT32VECTOR) as float32, or undefined when
 * the value is not one or an element is not finite as float32.
 */
export function readVector(value: unknown): Float32Array | undefined {
  if (isFloat32VectorValue(value)) {
    const elements = value[FLOAT32VECTOR];
    if (!Array.isArray(elements)) {
      return undefined;
    }
    const vector = Float32Array.from(elements as unknown[], (element) =>
      typeof element === 'number' ? element : Number.NaN,
    );
    return vector.every(Number.isFinite) ? vector : undefined;
  }
  const typed = typedValue(value);
  if (typed === undefined || typed[0] !== 'L' || !Array.isArray(typed[1])) {
    return undefined;
  }
  return readNumberValues(typed[1] as unknown[]);
}

/**
 * Attribute values (`{"N": text}`) as float32, or undefined when one is not a number finite as
 * float32.
 */
export function readNumberValues(elements: readonly unknown[]): Float32Array | undefined {
  const vector = new Float32Array(elements.length);
  for (const [index, element] of elements.entries()) {
    const number = typedValue(element);
    const float = number?.[0] === 'N' ? float32OfNumberText(number[1]) : undefined;
    if (float === undefined) {
      return undefined;
    }
    vector[index] = float;
  }
  return vector;
}

/** `{"N": text}` of a float32, printed as the widened double the server prints. */
export function float32NumberValue(value: number): { N: string } {
  return { N: String(Math.fround(value)) };
}
