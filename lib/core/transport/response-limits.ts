/**
 * Bounds on what a node may send in one answer. A peer controls every byte of a response, so each
 * part is capped before it is buffered; the numbers and the reasoning behind them are also in
 * SECURITY.md.
 *
 * Data responses (`maxResponseBytes`, default 32 MiB). Alternator refuses requests over 16 MiB,
 * so no single write stores an item larger than that, and the answer that carries one such item
 * (GetItem, or a write's ReturnValues) is about the same size: the JSON is re-encoded the way it
 * was sent. Query and Scan stop a page near 1 MiB of results (a page holds at least one item, so
 * one big item can make it larger). BatchGetItem is the outlier: Alternator puts no cap on its
 * answer (DynamoDB stops at 16 MB and returns the rest as UnprocessedKeys), so it returns whatever
 * the requested keys hold. Twice the largest single item covers every answer a request can get
 * within DynamoDB's own limits, with room for JSON framing; larger answers (items grown past
 * 16 MiB by repeated updates, or a BatchGetItem of many large items) need the option raised. The
 * SDK keeps a body as bytes, then as a string, then as parsed objects, so one answer at the bound
 * briefly costs several times the bound in memory. The same bound applies to the body as sent and
 * once decompressed.
 *
 * The upper bound of the option: V8 cannot hold a string much over 512 MiB, and the SDK parses
 * the body from one string, so a larger body could not be used anyway.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
export const HIGHEST_MAX_RESPONSE_BYTES = 512 * 1024 * 1024;
/** Even an error answer needs this much; a smaller bound would fail every request. */
export const LOWEST_MAX_RESPONSE_BYTES = 4096;

/**
 * `/localnodes` answers (discovery and health probes): a JSON array of IP addresses, at most about
 * 40 bytes per IPv6 entry, so 1 MiB lists some 25,000 nodes, far more than any cluster has.
 */
export const MAX_LOCAL_NODES_BYTES = 1024 * 1024;

/**
 * Response headers, on every request to a node. Node's own default is the same 16 KiB, but a
 * process may raise it for its own server (`--max-http-header-size`), which would loosen it for
 * this client too; Alternator sends half a dozen short headers, and a proxy in front adds a few.
 */
export const MAX_RESPONSE_HEADER_BYTES = 16 * 1024;

/** Node's HTTP parser code for headers over `maxHeaderSize`. */
const HEADER_OVERFLOW_CODE = 'HPE_HEADER_OVERFLOW';

/** Whether `error` is Node's HTTP parser refusing headers over the bound. */
export function isHeaderOverflow(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === HEADER_OVERFLOW_CODE
  );
}
