import { describe, expect, it } from '@jest/globals';
import { gunzipSync, inflateSync } from 'node:zlib';
import { encodeResponse, RESPONSE_COMPRESSION_THRESHOLD_BYTES } from './response-encoding.js';

const large = Buffer.from(
  JSON.stringify({ Items: Array.from({ length: 300 }, (_, i) => ({ id: `item-${i}` })) }),
);
const small = Buffer.from('{"Item":{}}');

describe('encodeResponse (Alternator 2026.1 response compression)', () => {
  it.each([
    ['gzip', 'gzip'],
    ['deflate', 'deflate'],
    ['gzip, deflate', 'gzip'],
    ['deflate;q=1, gzip;q=0.5', 'deflate'],
    ['*', 'gzip'],
    ['br, *;q=0.1', 'gzip'],
    ['GZIP', 'gzip'],
  ])('answers Accept-Encoding %p with %p', async (acceptEncoding, expected) => {
    const { coding, body } = await encodeResponse(acceptEncoding, large);
    expect(coding).toBe(expected);
    const decode = coding === 'deflate' ? inflateSync : gunzipSync;
    expect(decode(body).equals(large)).toBe(true);
  });

  it.each([[undefined], [''], ['identity'], ['br'], ['gzip;q=0'], ['*;q=0']])(
    'sends the body as it is for Accept-Encoding %p',
    async (acceptEncoding) => {
      const { coding, body } = await encodeResponse(acceptEncoding, large);
      expect(coding).toBeUndefined();
      expect(body).toBe(large);
    },
  );

  it(`leaves bodies under ${RESPONSE_COMPRESSION_THRESHOLD_BYTES} bytes uncompressed`, async () => {
    expect(large.byteLength).toBeGreaterThan(RESPONSE_COMPRESSION_THRESHOLD_BYTES);
    expect((await encodeResponse('gzip', small)).coding).toBeUndefined();
  });
});
