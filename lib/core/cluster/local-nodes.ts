import { isIpAddress } from '../endpoint.js';

/** The addresses a `/localnodes` answer lists, and the entries that were not IP addresses. */
export interface LocalNodesAnswer {
  addresses: string[];
  rejected: string[];
}

/**
 * Reads a `/localnodes` body. The server sends a JSON array of IP literals; an entry can be a
 * host-id UUID when a node has no RPC address in gossip, so non-IP entries are set aside rather
 * than trusted. A body that is not an array of strings, or that lists entries but no IP at all,
 * is an error: the caller keeps its last good list.
 */
export function parseLocalNodes(body: string): LocalNodesAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`/localnodes answered with a body that is not JSON: ${preview(body)}`);
  }
  if (!Array.isArray(parsed) || !parsed.every((entry) => typeof entry === 'string')) {
    throw new Error(
      `/localnodes answered with something other than a list of addresses: ${preview(body)}`,
    );
  }
  const entries: string[] = parsed;
  const addresses = [...new Set(entries.filter((entry) => isIpAddress(entry)))];
  const rejected = entries.filter((entry) => !isIpAddress(entry));
  if (entries.length > 0 && addresses.length === 0) {
    throw new Error(`/localnodes listed no IP address: ${preview(body)}`);
  }
  return { addresses, rejected };
}

function preview(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ');
  return JSON.stringify(oneLine.length > 80 ? `${oneLine.slice(0, 80)}...` : oneLine);
}
