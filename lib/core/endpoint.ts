import { isIP } from 'node:net';
import { AlternatorError } from './errors.js';

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };
const SCHEME_AND_AUTHORITY = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/;

/**
 * The identity of an endpoint, as every official client computes it: `scheme://host[:port]`
 * with scheme and host lowercased, the default port (80 for http, 443 for https) dropped,
 * brackets kept around IPv6, and user info, path, query and fragment discarded. No other
 * spelling is folded: two IPv6 compressions of one address stay two identities.
 *
 * @throws AlternatorError when the input has no scheme or no host
 */
export function canonicalEndpoint(url: string): string {
  const match = SCHEME_AND_AUTHORITY.exec(url);
  const authority = match?.[2].slice(match[2].lastIndexOf('@') + 1) ?? '';
  const hostAndPort = splitHostAndPort(authority);
  if (!match || !hostAndPort) {
    throw new AlternatorError(`Invalid endpoint "${url}": expected scheme://host[:port]`);
  }
  const scheme = match[1].toLowerCase();
  const host = hostAndPort.host.toLowerCase();
  const port = hostAndPort.port === undefined ? undefined : String(Number(hostAndPort.port));
  const keepPort = port !== undefined && port !== DEFAULT_PORTS[scheme];
  return keepPort ? `${scheme}://${host}:${port}` : `${scheme}://${host}`;
}

/**
 * Deduplicates endpoints by canonical identity (keeping the first spelling) and sorts them
 * bytewise by canonical string, so `http://10.0.0.10:8000` comes before `http://10.0.0.1:8000`
 * (':' sorts after '0'). This is the order the cross-language affinity hashing relies on.
 */
export function orderEndpoints(urls: readonly string[]): string[] {
  const byIdentity = new Map<string, string>();
  for (const url of urls) {
    const identity = canonicalEndpoint(url);
    if (!byIdentity.has(identity)) byIdentity.set(identity, url);
  }
  // Plain `<` compares UTF-16 code units, which is bytewise for the ASCII canonical form;
  // localeCompare would not be.
  return [...byIdentity.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, url]) => url);
}

/** The URL of a node: `scheme://host:port`, with an IPv6 host in brackets. */
export function nodeUrl(scheme: string, host: string, port: number): string {
  const bare = stripBrackets(host);
  return `${scheme}://${isIP(bare) === 6 ? `[${bare}]` : host}:${port}`;
}

/**
 * Whether `value` is an IPv4 or IPv6 address (IPv6 may be bracketed) that a node URL can carry.
 * Host names are not, nor IPv6 addresses with a zone id (see {@link hasZoneId}).
 */
export function isIpAddress(value: string): boolean {
  const bare = stripBrackets(value);
  if (hasZoneId(bare)) return false;
  return bare === value ? isIP(value) !== 0 : isIP(bare) === 6;
}

/**
 * Whether `host` is an IPv6 address with a zone id (`fe80::1%eth0`). Node's `net` accepts one, but
 * a WHATWG URL, which the SDK and this client address nodes by, cannot hold it (`%25eth0` fails to
 * parse too), so such addresses are refused as seeds and skipped in `/localnodes` answers.
 */
export function hasZoneId(host: string): boolean {
  const bare = stripBrackets(host);
  return bare.includes('%') && isIP(bare) === 6;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function splitHostAndPort(authority: string): { host: string; port?: string } | undefined {
  let host: string;
  let rest: string;
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    if (end < 0) return undefined;
    host = authority.slice(0, end + 1);
    rest = authority.slice(end + 1);
  } else {
    const colon = authority.indexOf(':');
    host = colon < 0 ? authority : authority.slice(0, colon);
    rest = colon < 0 ? '' : authority.slice(colon);
  }
  if (host === '' || host === '[]') return undefined;
  if (rest === '' || rest === ':') return { host };
  const port = rest.slice(1);
  return /^\d{1,5}$/.test(port) && Number(port) <= 65535 ? { host, port } : undefined;
}
