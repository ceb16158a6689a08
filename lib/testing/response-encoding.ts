import { promisify } from 'node:util';
import { deflate, gzip } from 'node:zlib';

const ENCODERS = { gzip: promisify(gzip), deflate: promisify(deflate) } as const;
type Coding = keyof typeof ENCODERS;

/** `alternator_response_compression_threshold_in_bytes`' default: smaller replies go as they are. */
export const RESPONSE_COMPRESSION_THRESHOLD_BYTES = 4096;

/**
 * Compresses a reply as Alternator 2026.1+ does: only when the request's `Accept-Encoding` allows
 * gzip or deflate (q-values respected, `*` accepted) and the body is at least the threshold.
 * Returns the coding used, or undefined when the body goes as it is.
 */
export async function encodeResponse(
  acceptEncoding: string | undefined,
  body: Buffer,
): Promise<{ coding?: Coding; body: Buffer }> {
  const coding = acceptEncoding ? preferredCoding(acceptEncoding) : undefined;
  if (coding === undefined || body.byteLength < RESPONSE_COMPRESSION_THRESHOLD_BYTES) {
    return { body };
  }
  return { coding, body: await ENCODERS[coding](body, { level: 6 }) };
}

/** The acceptable coding with the highest q-value; gzip wins ties, as it is listed first. */
function preferredCoding(acceptEncoding: string): Coding | undefined {
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [token, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!token) continue;
    const q = params.find((param) => param.startsWith('q='));
    weights.set(token, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  let best: Coding | undefined;
  let bestWeight = 0;
  for (const coding of Object.keys(ENCODERS) as Coding[]) {
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}
