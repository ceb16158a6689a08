import { HttpRequest } from '@smithy/protocol-http';
import type {
  FinalizeHandler,
  FinalizeHandlerArguments,
  MetadataBearer,
  Pluggable,
  RelativeMiddlewareOptions,
} from '@smithy/types';
import { ALTERNATOR_MIDDLEWARE_TAG } from './middleware-tag.js';

/** SDK bookkeeping headers Alternator ignores; removed before signing so the signature omits them. */
const SDK_NOISE_HEADERS = ['amz-sdk-invocation-id', 'amz-sdk-request', 'x-amz-user-agent'];

/** The SDK's middleware that computes `user-agent` and `x-amz-user-agent` on every request. */
const SDK_USER_AGENT_MIDDLEWARE_NAME = 'getUserAgentMiddleware';

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

/** What header optimization keeps besides the headers Alternator needs. */
export interface HeaderOptimizationConfig {
  /** Header names (any case) that are always sent. */
  headersWhitelist: readonly string[];
}

/**
 * The name of the middleware that drops the SDK's bookkeeping headers (`amz-sdk-invocation-id`,
 * `amz-sdk-request`, `x-amz-user-agent`) before signing. Without it they are signed and sent.
 * @publicApi
 */
export const DROP_SDK_HEADERS_MIDDLEWARE_NAME = 'alternatorDropSdkHeadersMiddleware';

/**
 * The name of the middleware that drops, after signing, the headers Alternator does not use and
 * the signature does not cover (such as `user-agent`). Without it they are sent.
 * @publicApi
 */
export const STRIP_UNSIGNED_HEADERS_MIDDLEWARE_NAME = 'alternatorStripUnsignedHeadersMiddleware';

/** Deletes the SDK's bookkeeping headers, except whitelisted ones, so the signature omits them. */
export function dropSdkHeadersMiddleware(config: HeaderOptimizationConfig) {
  const kept = keptHeaders(config);
  const dropped: ReadonlySet<string> = new Set(SDK_NOISE_HEADERS.filter((name) => !kept.has(name)));
  return <Output extends MetadataBearer>(next: FinalizeHandler<object, Output>) =>
    (args: FinalizeHandlerArguments<object>) => {
      if (HttpRequest.isInstance(args.request)) deleteHeaders(args.request, dropped);
      return next(args);
    };
}

/**
 * The retry middleware sets `amz-sdk-request` and `amz-sdk-invocation-id` on every attempt, so
 * they can only be dropped after it, and they must be dropped before signing, or the server,
 * which checks every signed header, would refuse the request.
 */
export const dropSdkHeadersMiddlewareOptions: RelativeMiddlewareOptions = {
  name: DROP_SDK_HEADERS_MIDDLEWARE_NAME,
  relation: 'before',
  toMiddleware: 'httpSigningMiddleware',
  tags: [ALTERNATOR_MIDDLEWARE_TAG, 'HEADERS'],
  override: true,
};

/** Deletes every header that is neither required, whitelisted nor signed. */
export function stripUnsignedHeadersMiddleware(config: HeaderOptimizationConfig) {
  const kept = keptHeaders(config);
  return <Output extends MetadataBearer>(next: FinalizeHandler<object, Output>) =>
    (args: FinalizeHandlerArguments<object>) => {
      if (HttpRequest.isInstance(args.request)) keepOnly(args.request, kept);
      return next(args);
    };
}

/** After signing, only headers outside the signature can go: the server checks every signed one. */
export const stripUnsignedHeadersMiddlewareOptions: RelativeMiddlewareOptions = {
  name: STRIP_UNSIGNED_HEADERS_MIDDLEWARE_NAME,
  relation: 'after',
  toMiddleware: 'httpSigningMiddleware',
  tags: [ALTERNATOR_MIDDLEWARE_TAG, 'HEADERS'],
  override: true,
};

/**
 * Keeps only the headers Alternator uses, and the whitelisted ones. Unless a user-agent header is
 * whitelisted, the SDK's user-agent middleware goes too: both headers it writes would be dropped,
 * and computing them costs every request more than a middleware of ours.
 */
export function getHeaderOptimizationPlugin(
  config: HeaderOptimizationConfig,
): Pluggable<object, MetadataBearer> {
  const kept = keptHeaders(config);
  return {
    applyToStack(stack) {
      if (!kept.has('user-agent') && !kept.has('x-amz-user-agent')) {
        stack.remove(SDK_USER_AGENT_MIDDLEWARE_NAME);
      }
      stack.addRelativeTo(dropSdkHeadersMiddleware(config), dropSdkHeadersMiddlewareOptions);
      stack.addRelativeTo(
        stripUnsignedHeadersMiddleware(config),
        stripUnsignedHeadersMiddlewareOptions,
      );
    },
  };
}

function keptHeaders({ headersWhitelist }: HeaderOptimizationConfig): ReadonlySet<string> {
  return new Set([...REQUIRED_HEADERS, ...headersWhitelist.map((name) => name.toLowerCase())]);
}

/** Deletes every header whose lower-cased name is in `names`, in one pass over the headers. */
function deleteHeaders(request: HttpRequest, names: ReadonlySet<string>): void {
  const headers = request.headers;
  for (const name of Object.keys(headers)) {
    if (names.has(name.toLowerCase())) delete headers[name];
  }
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
