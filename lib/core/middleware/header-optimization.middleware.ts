import { HttpRequest } from '@smithy/protocol-http';
import type {
  FinalizeHandler,
  FinalizeHandlerArguments,
  MetadataBearer,
  Pluggable,
} from '@smithy/types';

/** SDK bookkeeping headers Alternator ignores; removed before signing so the signature omits them. */
const SDK_NOISE_HEADERS = ['amz-sdk-invocation-id', 'amz-sdk-request', 'x-amz-user-agent'];

/** What Alternator needs on the wire: routing, the body's framing, and SigV4. */
const REQUIRED_HEADERS = [
  'host',
  'x-amz-target',
  'content-type',
  'content-length',
  'content-encoding',
  'accept-encoding',
  'authorization',
  'x-amz-date',
  'x-amz-content-sha256',
  'x-amz-security-token',
];

/** What header optimization does before and after signing. */
export interface HeaderOptimization {
  /**
   * SDK noise to delete before signing, so the signature omits it. The routing middleware does
   * this, as it already runs at that point for every attempt: one middleware fewer per request.
   */
  readonly beforeSigning: ReadonlySet<string>;
  /** Deletes, after signing, every header that is neither required, whitelisted nor signed. */
  readonly afterSigning: Pluggable<object, MetadataBearer>;
}

/**
 * Keeps only the headers Alternator uses. SDK noise goes before signing; after signing only
 * headers outside the signature can go, because the server checks every signed header. Names in
 * `whitelist` are always kept.
 */
export function headerOptimization(whitelist: readonly string[]): HeaderOptimization {
  const kept = new Set([...REQUIRED_HEADERS, ...whitelist.map((name) => name.toLowerCase())]);
  return {
    beforeSigning: new Set(SDK_NOISE_HEADERS.filter((name) => !kept.has(name))),
    afterSigning: {
      applyToStack(stack) {
        stack.addRelativeTo(
          <Output extends MetadataBearer>(next: FinalizeHandler<object, Output>) =>
            (args: FinalizeHandlerArguments<object>) => {
              if (HttpRequest.isInstance(args.request)) keepOnly(args.request, kept);
              return next(args);
            },
          {
            name: 'alternatorStripUnsignedHeadersMiddleware',
            relation: 'after',
            toMiddleware: 'httpSigningMiddleware',
            tags: ['ALTERNATOR', 'HEADERS'],
            override: true,
          },
        );
      },
    },
  };
}

/**
 * Deletes the headers that are neither kept nor signed. Each name is lower-cased once, and the
 * signature's header list is read only when some header is a candidate for removal.
 */
function keepOnly(request: HttpRequest, kept: ReadonlySet<string>): void {
  const headers = request.headers;
  let authorization: string | undefined;
  const candidates: Array<{ name: string; lower: string }> = [];
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') authorization ??= headers[name];
    if (!kept.has(lower)) candidates.push({ name, lower });
  }
  if (candidates.length === 0) return;
  const signed = signedHeaders(authorization ?? '');
  for (const { name, lower } of candidates) {
    if (!signed.has(lower)) delete headers[name];
  }
}

const NOTHING_SIGNED: ReadonlySet<string> = new Set();

/**
 * Parsed SignedHeaders lists. Requests of one operation and client sign the same headers, so a
 * handful of lists covers all traffic; the bound only guards against unusual signers.
 */
const signedHeaderSets = new Map<string, ReadonlySet<string>>();
const SIGNED_HEADER_SETS_LIMIT = 64;

/** The SignedHeaders list of a SigV4 Authorization header (empty for unsigned requests). */
function signedHeaders(authorization: string): ReadonlySet<string> {
  const list = /SignedHeaders=([^,\s]+)/.exec(authorization)?.[1];
  if (list === undefined) return NOTHING_SIGNED;
  let signed = signedHeaderSets.get(list);
  if (!signed) {
    if (signedHeaderSets.size >= SIGNED_HEADER_SETS_LIMIT) signedHeaderSets.clear();
    signed = new Set(list.split(';'));
    signedHeaderSets.set(list, signed);
  }
  return signed;
}

/** Deletes every header whose lower-cased name is in `names`, in one pass over the headers. */
export function deleteHeaders(request: HttpRequest, names: ReadonlySet<string>): void {
  const headers = request.headers;
  for (const name of Object.keys(headers)) {
    if (names.has(name.toLowerCase())) delete headers[name];
  }
}
