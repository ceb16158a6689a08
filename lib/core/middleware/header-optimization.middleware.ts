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

/**
 * Keeps only the headers Alternator uses. SDK noise goes before signing; after signing only
 * headers outside the signature can go, because the server checks every signed header. Names in
 * `whitelist` are always kept.
 */
export function headerOptimizationPlugin(
  whitelist: readonly string[],
): Pluggable<object, MetadataBearer> {
  const kept = new Set([...REQUIRED_HEADERS, ...whitelist.map((name) => name.toLowerCase())]);
  const removable = SDK_NOISE_HEADERS.filter((name) => !kept.has(name));
  return {
    applyToStack(stack) {
      stack.addRelativeTo(
        <Output extends MetadataBearer>(next: FinalizeHandler<object, Output>) =>
          (args: FinalizeHandlerArguments<object>) => {
            if (HttpRequest.isInstance(args.request)) {
              for (const name of removable) deleteHeader(args.request, name);
            }
            return next(args);
          },
        {
          name: 'alternatorStripSdkHeadersMiddleware',
          relation: 'before',
          toMiddleware: 'httpSigningMiddleware',
          tags: ['ALTERNATOR', 'HEADERS'],
          override: true,
        },
      );
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
  };
}

function keepOnly(request: HttpRequest, kept: ReadonlySet<string>): void {
  const signed = signedHeaders(request);
  for (const name of Object.keys(request.headers)) {
    const lower = name.toLowerCase();
    if (!kept.has(lower) && !signed.has(lower)) delete request.headers[name];
  }
}

/** The SignedHeaders list of a SigV4 Authorization header (empty for unsigned requests). */
function signedHeaders(request: HttpRequest): Set<string> {
  const authorization = headerValue(request, 'authorization') ?? '';
  const match = /SignedHeaders=([^,\s]+)/.exec(authorization);
  return new Set(match ? match[1].split(';') : []);
}

function headerValue(request: HttpRequest, name: string): string | undefined {
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}

function deleteHeader(request: HttpRequest, name: string): void {
  for (const key of Object.keys(request.headers)) {
    if (key.toLowerCase() === name) delete request.headers[key];
  }
}
