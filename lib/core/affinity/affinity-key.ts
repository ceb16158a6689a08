import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { murmur3x64Hash1 } from './murmur3.js';

/** Type bytes of the cross-language affinity encoding: they keep "1" (S) and 1 (N) apart. */
const STRING_TYPE_BYTE = 0x01;
const NUMBER_TYPE_BYTE = 0x02;
const BINARY_TYPE_BYTE = 0x03;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const REPLACEMENT_CHARACTER = 0xfffd;

/** The code point at `i`, with a lone surrogate read as U+FFFD as TextEncoder does. */
function codePointAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdfff) return unit;
  if (unit <= 0xdbff && i + 1 < text.length) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff)
      return ((unit - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
  }
  return REPLACEMENT_CHARACTER;
}

/**
 * One type byte followed by the UTF-8 bytes of `text`. Encoded by hand: keys are short, and for
 * short strings two passes in JavaScript beat TextEncoder's native call and over-allocation.
 */
function typedUtf8(typeByte: number, text: string): Uint8Array {
  let size = 1;
  for (let i = 0; i < text.length; i++) {
    const point = codePointAt(text, i);
    if (point < 0x80) size += 1;
    else if (point < 0x800) size += 2;
    else if (point < 0x10000) size += 3;
    else {
      size += 4;
      i++;
    }
  }
  const bytes = new Uint8Array(size);
  bytes[0] = typeByte;
  let at = 1;
  for (let i = 0; i < text.length; i++) {
    const point = codePointAt(text, i);
    if (point < 0x80) {
      bytes[at++] = point;
    } else if (point < 0x800) {
      bytes[at++] = 0xc0 | (point >> 6);
      bytes[at++] = 0x80 | (point & 0x3f);
    } else if (point < 0x10000) {
      bytes[at++] = 0xe0 | (point >> 12);
      bytes[at++] = 0x80 | ((point >> 6) & 0x3f);
      bytes[at++] = 0x80 | (point & 0x3f);
    } else {
      bytes[at++] = 0xf0 | (point >> 18);
      bytes[at++] = 0x80 | ((point >> 12) & 0x3f);
      bytes[at++] = 0x80 | ((point >> 6) & 0x3f);
      bytes[at++] = 0x80 | (point & 0x3f);
      i++;
    }
  }
  return bytes;
}

/**
 * The bytes the affinity hash is computed over: a type byte (S=1, N=2, B=3) then the payload,
 * the UTF-8 string, the number's exact string (not normalised, so "42" and "42.0" differ, as
 * they do for the server) or the raw binary.
 *
 * Returns `undefined` for every other type and for malformed values (several members set, a
 * payload of the wrong JavaScript type): such keys fall back to ordinary routing instead of
 * failing the request.
 */
export function affinityKeyBytes(value: AttributeValue): Uint8Array | undefined {
  // Values reach us straight from user input, so the union's shape is checked, not trusted.
  const members: unknown = value;
  if (!isRecord(members)) return undefined;
  let found: string | undefined;
  for (const name in members) {
    if (members[name] === undefined) continue;
    if (found !== undefined) return undefined;
    found = name;
  }
  const payload = found === undefined ? undefined : members[found];
  if (found === 'S' && typeof payload === 'string') return typedUtf8(STRING_TYPE_BYTE, payload);
  if (found === 'N' && typeof payload === 'string') return typedUtf8(NUMBER_TYPE_BYTE, payload);
  if (found === 'B' && payload instanceof Uint8Array) {
    const buffer = new Uint8Array(1 + payload.length);
    buffer[0] = BINARY_TYPE_BYTE;
    buffer.set(payload, 1);
    return buffer;
  }
  return undefined;
}

/**
 * The signed 64-bit affinity hash of a partition-key value (MurmurHash3 x64_128 h1 over
 * {@link affinityKeyBytes}), or `undefined` when the value cannot carry affinity.
 */
export function affinityHash(value: AttributeValue): bigint | undefined {
  const bytes = affinityKeyBytes(value);
  return bytes === undefined ? undefined : murmur3x64Hash1(bytes);
}
