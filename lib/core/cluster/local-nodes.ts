import { isIpAddress } from '../endpoint.js';

/** The addresses a `/localnodes` answer lists, and a preview of each entry that was skipped. */
export interface LocalNodesAnswer {
  addresses: string[];
  /** Each unusable entry once, as a short JSON preview safe to log. */
  rejected: string[];
}

/** Longest preview of a node's text in a log line: a node is not trusted to be brief. */
const PREVIEW_CHARS = 80;

/**
 * Reads a `/localnodes` body. The server sends a JSON array of IP literals, but nothing a node
 * sends is trusted: each entry is taken or skipped on its own. A host-id UUID (a node with no RPC
 * address in gossip), a host name, an IPv6 zone id or a non-string is skipped, and the rest of the
 * answer still counts. A body that is not an array, or that lists entries but no usable address,
 * is an error: the caller keeps its last good list.
 */
export function parseLocalNodes(body: string): LocalNodesAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`/localnodes answered with a body that is not JSON: ${preview(body)}`);
  }
  if (!Array.isArray(parsed)) {
    throw new Error(`/localnodes answered with something other than a list: ${preview(body)}`);
  }
  const addresses = new Set<string>();
  const rejected = new Set<string>();
  for (const entry of parsed as unknown[]) {
    if (typeof entry === 'string' && isIpAddress(entry)) addresses.add(entry);
    else if (typeof entry === 'string') rejected.add(preview(entry));
    else rejected.add(`${preview(JSON.stringify(entry))} (not a string)`);
  }
  if (parsed.length > 0 && addresses.size === 0) {
    throw new Error(`/localnodes listed no usable IP address: ${preview(body)}`);
  }
  return { addresses: [...addresses], rejected: [...rejected] };
}

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return JSON.stringify(
    oneLine.length > PREVIEW_CHARS ? `${oneLine.slice(0, PREVIEW_CHARS)}...` : oneLine,
  );
}
