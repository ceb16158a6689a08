import { AlternatorErrorReply } from '../alternator-errors.js';
import { isJsonObject } from './json-values.js';

/** ScyllaDB's attribute type for a vector of 32-bit floats: `{"FLOAT32VECTOR": [0.1, -0.3]}`. */
export const FLOAT32VECTOR = 'FLOAT32VECTOR';

/**
 * dynalite refuses FLOAT32VECTOR, so vectors are stored as binary values: this marker, then each
 * element as a big-endian float32 (Alternator stores a tag byte 5 and the same floats). The
 * marker is 12 bytes, so its base64 text is a fixed 16-character prefix that can be searched for
 * in a reply before parsing it. A real binary value starting with these 12 bytes would be read
 * back as a vector.
 */
const STORED_VECTOR_MARKER = Buffer.concat([
  Buffer.from([0x00, 0x05]),
  Buffer.from('f32vector:', 'latin1'),
]);
const STORED_VECTOR_BASE64_PREFIX = STORED_VECTOR_MARKER.toString('base64');
const FLOAT32_BYTES = 4;

/** Cheap pre-check: does this request body mention FLOAT32VECTOR at all? */
export function mayHoldFloat32Vectors(body: Buffer): boolean {
  return body.includes(FLOAT32VECTOR);
}

/** Cheap pre-check: may this store reply hold a stored vector that needs decoding? */
export function mayHoldStoredVectors(body: Buffer): boolean {
  return body.includes(STORED_VECTOR_BASE64_PREFIX);
}

/** The base64 text of the binary value that stores these (float32-finite) elements. */
export function encodeStoredVector(elements: readonly number[]): string {
  const bytes = Buffer.alloc(STORED_VECTOR_MARKER.length + FLOAT32_BYTES * elements.length);
  STORED_VECTOR_MARKER.copy(bytes);
  elements.forEach((element, index) =>
    bytes.writeFloatBE(element, STORED_VECTOR_MARKER.length + FLOAT32_BYTES * index),
  );
  return bytes.toString('base64');
}

/** The elements of a stored vector, widened from float32 as the server prints them. */
export function decodeStoredVector(base64: string): number[] | undefined {
  if (!base64.startsWith(STORED_VECTOR_BASE64_PREFIX)) {
    return undefined;
  }
  const bytes = Buffer.from(base64, 'base64');
  const count = (bytes.length - STORED_VECTOR_MARKER.length) / FLOAT32_BYTES;
  if (!Number.isInteger(count) || !bytes.subarray(0, 12).equals(STORED_VECTOR_MARKER)) {
    return undefined;
  }
  return Array.from({ length: count }, (_, index) =>
    bytes.readFloatBE(STORED_VECTOR_MARKER.length + FLOAT32_BYTES * index),
  );
}

/**
 * A FLOAT32VECTOR value: an object whose only member is FLOAT32VECTOR holding anything but an
 * object. (An object there is a map entry named "FLOAT32VECTOR", not a typed value.)
 */
export function isFloat32VectorValue(value: unknown): value is { FLOAT32VECTOR: unknown } {
  if (!isJsonObject(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === FLOAT32VECTOR && !isJsonObject(value[FLOAT32VECTOR]);
}

/**
 * Why these FLOAT32VECTOR contents are refused (every element must be a JSON number that stays
 * finite as a float32, checked with or without an index), or undefined when they are fine.
 */
export function float32VectorProblem(contents: unknown, caller: string): string | undefined {
  if (!Array.isArray(contents)) {
    return `${caller}: FLOAT32VECTOR value must be a list of numbers, got ${JSON.stringify(contents)}`;
  }
  for (const element of contents as unknown[]) {
    if (typeof element !== 'number') {
      return (
        `${caller}: FLOAT32VECTOR vector elements must be numbers, got ` +
        `${JSON.stringify(element) ?? String(element)}`
      );
    }
    if (!Number.isFinite(Math.fround(element))) {
      return `${caller}: FLOAT32VECTOR element ${element} cannot be represented as a 32-bit float`;
    }
  }
  return undefined;
}

/**
 * Replaces, in place, every FLOAT32VECTOR value under `value` (at any depth, in M and L too) by
 * its stored binary form. Returns the error the server gives for the first value it refuses:
 * "unknown type" when the server predates FLOAT32VECTOR, else a bad element.
 */
export function encodeFloat32Vectors(
  value: unknown,
  caller: string,
  accepted: boolean,
): AlternatorErrorReply | undefined {
  if (Array.isArray(value)) {
    for (const element of value as unknown[]) {
      const error = encodeFloat32Vectors(element, caller, accepted);
      if (error !== undefined) {
        return error;
      }
    }
    return undefined;
  }
  if (!isJsonObject(value)) {
    return undefined;
  }
  if (isFloat32VectorValue(value)) {
    if (!accepted) {
      return AlternatorErrorReply.validation(
        `${caller}: unknown type ${FLOAT32VECTOR} for value ${JSON.stringify(value)}`,
      );
    }
    const problem = float32VectorProblem(value.FLOAT32VECTOR, caller);
    if (problem !== undefined) {
      return AlternatorErrorReply.validation(problem);
    }
    const stored = encodeStoredVector(value.FLOAT32VECTOR as number[]);
    delete (value as Record<string, unknown>).FLOAT32VECTOR;
    (value as Record<string, unknown>).B = stored;
    return undefined;
  }
  for (const member of Object.values(value)) {
    const error = encodeFloat32Vectors(member, caller, accepted);
    if (error !== undefined) {
      return error;
    }
  }
  return undefined;
}

/** Turns, in place, every stored vector under `value` back into a FLOAT32VECTOR value. */
export function decodeFloat32Vectors(value: unknown): void {
  if (Array.isArray(value)) {
    (value as unknown[]).forEach(decodeFloat32Vectors);
    return;
  }
  if (!isJsonObject(value)) {
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'B' && typeof value.B === 'string') {
    const elements = decodeStoredVector(value.B);
    if (elements !== undefined) {
      delete value.B;
      value[FLOAT32VECTOR] = elements;
    }
    return;
  }
  Object.values(value).forEach(decodeFloat32Vectors);
}
