import { describe, expect, it } from '@jest/globals';
import { canonicalEndpoint, isIpAddress, nodeUrl, orderEndpoints } from './endpoint.js';
import { AlternatorError } from './errors.js';

// Every row of feature-specs/vectors/endpoint-order.tsv (scylladb/alternator-client-python):
// name | input endpoints | expected canonical order | expected representative order
// prettier-ignore
const ENDPOINT_ORDER_VECTORS: ReadonlyArray<[string, string, string, string]> = [
  ['http-default-port-implicit-first', 'http://A,http://a:80,http://a.example', 'http://a,http://a.example', 'http://A,http://a.example'],
  ['http-default-port-explicit-first', 'http://A:80,http://a,http://a.example', 'http://a,http://a.example', 'http://A:80,http://a.example'],
  ['https-default-port', 'https://B:443,https://a', 'https://a,https://b', 'https://a,https://B:443'],
  ['scheme-and-host-case', 'HTTP://B:80,http://a', 'http://a,http://b', 'http://a,HTTP://B:80'],
  ['non-endpoint-components', 'http://user@b:80/path?x=y#fragment,http://a', 'http://a,http://b', 'http://a,http://user@b:80/path?x=y#fragment'],
  ['non-default-port', 'http://a:8080,http://a.example:80,http://a.example', 'http://a.example,http://a:8080', 'http://a.example:80,http://a:8080'],
  ['ipv6-host', 'HTTP://[2001:DB8::1]:80/path,http://a', 'http://[2001:db8::1],http://a', 'HTTP://[2001:DB8::1]:80/path,http://a'],
];

describe('endpoint order (cross-language vectors)', () => {
  it.each(ENDPOINT_ORDER_VECTORS)('%s', (_name, input, canonical, representatives) => {
    const ordered = orderEndpoints(input.split(','));
    expect(ordered).toEqual(representatives.split(','));
    expect(ordered.map(canonicalEndpoint)).toEqual(canonical.split(','));
  });
});

describe('orderEndpoints', () => {
  it('sorts IP endpoints bytewise on the whole URL, so 10.0.0.10 precedes 10.0.0.1', () => {
    const ordered = orderEndpoints([
      'http://10.0.0.2:8000',
      'http://10.0.0.1:8000',
      'http://10.0.0.10:8000',
    ]);
    // ':' (0x3a) sorts after '0' (0x30); a bare-host sort or localeCompare gives 1, 10, 2.
    expect(ordered).toEqual([
      'http://10.0.0.10:8000',
      'http://10.0.0.1:8000',
      'http://10.0.0.2:8000',
    ]);
  });

  it('deduplicates by identity, keeping the first spelling of each', () => {
    expect(orderEndpoints(['http://B:80', 'http://a:8000', 'http://b', 'HTTP://A:8000/x'])).toEqual(
      ['http://a:8000', 'http://B:80'],
    );
  });

  it('returns an empty list for no endpoints', () => {
    expect(orderEndpoints([])).toEqual([]);
  });
});

describe('canonicalEndpoint', () => {
  it.each([
    ['HTTPS://Node.Example:443/', 'https://node.example'],
    ['http://127.0.0.1:8000', 'http://127.0.0.1:8000'],
    ['http://127.0.0.1:080', 'http://127.0.0.1'],
    ['https://a:80', 'https://a:80'],
    ['http://a:', 'http://a'],
    ['http://[::1]:8000?q', 'http://[::1]:8000'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalEndpoint(input)).toBe(expected);
  });

  it('keeps different IPv6 spellings apart, as the spec requires', () => {
    expect(canonicalEndpoint('http://[2001:db8:0::1]')).not.toBe(
      canonicalEndpoint('http://[2001:db8::1]'),
    );
  });

  it.each([
    '10.0.0.1:8000',
    'http://',
    'http://:80',
    'http://a:port',
    'http://a:70000',
    'http://[::1',
    'http://::1',
  ])('rejects %s', (input) => {
    expect(() => canonicalEndpoint(input)).toThrow(AlternatorError);
    expect(() => canonicalEndpoint(input)).toThrow(`"${input}"`);
  });
});

describe('nodeUrl', () => {
  it('brackets IPv6 hosts, bare or already bracketed, and keeps others as they are', () => {
    expect(nodeUrl('http', '10.0.0.1', 8000)).toBe('http://10.0.0.1:8000');
    expect(nodeUrl('https', 'node1.example', 8043)).toBe('https://node1.example:8043');
    expect(nodeUrl('http', 'fd00::1', 8000)).toBe('http://[fd00::1]:8000');
    expect(nodeUrl('http', '[fd00::1]', 8000)).toBe('http://[fd00::1]:8000');
  });
});

describe('isIpAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['[::1]', true],
    ['[127.0.0.1]', false],
    ['node1', false],
    ['10.0.0.300', false],
    ['c5b3f7a2-1d2e-4f3a-9b8c-0d1e2f3a4b5c', false],
    ['fe80::1%eth0', false],
    ['[fe80::1%25eth0]', false],
  ])('%s -> %s', (value, expected) => {
    expect(isIpAddress(value)).toBe(expected);
  });
});
