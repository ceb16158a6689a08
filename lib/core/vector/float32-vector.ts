import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { shortestFloat32 } from './float32-text.js';
import { InvalidVectorError } from './vector-errors.js';

/**
 * A ScyllaDB `FLOAT32VECTOR` attribute value (2026.3 and later): `{ FLOAT32VECTOR: [0.1, -0.3] }`
 * on the wire, stored as packed 32-bit floats (a 1536-dimension vector takes 6 KB instead of
 * about 25 KB as a list of numbers). It is typed as an `AttributeValue` as well, so it fits in
 * the `Item`, `Key` or `ExpressionAttributeValues` of any command without a cast; at run time it
 * carries only `FLOAT32VECTOR`.
 *
 * @publicApi
 */
export type Float32VectorAttributeValue = AttributeValue & { readonly FLOAT32VECTOR: number[] };

/** The numbers of a vector: an array or any typed array (`Float32Array`, `Float64Array`...). */
export type VectorValues = ArrayLike<number>;

/**
 * The `FLOAT32VECTOR` attribute value of `values`, checked as the server checks it: every element
 * must be a number that is finite as a 32-bit float. Numbers are sent as the shortest text that
 * reads back as the same float32, so `0.1` goes out as `0.1`.
 *
 * Servers before ScyllaDB 2026.3, and Amazon DynamoDB, reject `FLOAT32VECTOR`; use
 * {@link float32List} for them.
 *
 * @param values the vector; typed arrays are accepted
 * @param attributeName named in the error when an element is invalid
 * @throws InvalidVectorError naming the attribute and the first bad element
 * @publicApi
 */
export function float32Vector(
  values: VectorValues,
  attributeName?: string,
): Float32VectorAttributeValue {
  return { FLOAT32VECTOR: float32Numbers(values, attributeName) } as Float32VectorAttributeValue;
}

/**
 * The vector as a list of numbers (`{ L: [{ N: '0.1' }, ...] }`), the form every vector-search
 * server accepts (ScyllaDB 2026.2+ and DynamoDB), with the same checks and number text as
 * {@link float32Vector}. `float32List(v).L` is a `SearchVector` for `SearchVectorsCommand`.
 *
 * @param values the vector; typed arrays are accepted
 * @param attributeName named in the error when an element is invalid
 * @throws InvalidVectorError naming the attribute and the first bad element
 * @publicApi
 */
export function float32List(values: VectorValues, attributeName?: string): AttributeValue.LMember {
  return { L: float32Numbers(values, attributeName).map((value) => ({ N: String(value) })) };
}

/**
 * Whether `value` is a `FLOAT32VECTOR` attribute value, as the client returns them from
 * `GetItem`, `Query`, `Scan`, `SearchVectors` and the rest.
 *
 * @publicApi
 */
export function isFloat32VectorValue(value: unknown): value is Float32VectorAttributeValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { FLOAT32VECTOR?: unknown }).FLOAT32VECTOR)
  );
}

/**
 * The vector stored in an attribute value, in either form: `FLOAT32VECTOR` or a list of numbers.
 * Undefined for anything else (a missing attribute, a string, a list holding a non-number).
 *
 * @publicApi
 */
export function float32VectorOf(value: AttributeValue | undefined): Float32Array | undefined {
  if (isFloat32VectorValue(value)) return Float32Array.from(value.FLOAT32VECTOR);
  const list = (value as { L?: unknown } | undefined)?.L;
  if (!Array.isArray(list)) return undefined;
  const vector = new Float32Array(list.length);
  for (let index = 0; index < list.length; index++) {
    const text = (list[index] as { N?: unknown } | null)?.N;
    if (typeof text !== 'string') return undefined;
    vector[index] = Number(text);
  }
  return vector;
}

/**
 * The elements as float32 values in their shortest text, after the server's checks.
 *
 * @throws InvalidVectorError naming the attribute and the first bad element
 */
export function float32Numbers(values: VectorValues, attributeName?: string): number[] {
  if (typeof values !== 'object' || values === null || typeof values.length !== 'number') {
    throw new InvalidVectorError(
      `${subject(attributeName)} must be an array or typed array of numbers, got ${describe(values)}`,
      attributeName,
      0,
    );
  }
  const numbers = new Array<number>(values.length);
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (typeof value !== 'number' || !Number.isFinite(Math.fround(value))) {
      throw new InvalidVectorError(
        `${subject(attributeName)}: element ${index} is ${describe(value)}, which is not a finite ` +
          '32-bit float (every element must be a number with |x| <= 3.4028234663852886e38); ' +
          'the server would reject it',
        attributeName,
        index,
      );
    }
    numbers[index] = shortestFloat32(value);
  }
  return numbers;
}

function subject(attributeName: string | undefined): string {
  return attributeName === undefined ? 'Vector' : `Vector attribute '${attributeName}'`;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (value === null) return 'null';
  return typeof value === 'object' ? (value.constructor?.name ?? 'an object') : typeof value;
}
