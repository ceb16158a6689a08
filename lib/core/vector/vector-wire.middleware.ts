import { Readable } from 'node:stream';
import { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type {
  DeserializeHandler,
  DeserializeHandlerArguments,
  DeserializeHandlerOutput,
  HandlerExecutionContext,
  MetadataBearer,
  Pluggable,
  RelativeMiddlewareOptions,
  SerializeHandler,
  SerializeHandlerArguments,
} from '@smithy/types';
import { serverOnlyRequestMembers } from './vector-request-members.js';
import { copyServerOnlyMembers, needsRawResponse } from './vector-response-members.js';
import { readResponseBody } from '../transport/response-body.js';
import { ALTERNATOR_MIDDLEWARE_TAG } from '../middleware/middleware-tag.js';

/** The name of the middleware that adds ScyllaDB's vector members to a request. */
export const VECTOR_MIDDLEWARE_NAME = 'alternatorVectorMiddleware';
/** The name of the middleware that keeps the raw response body for {@link VECTOR_MIDDLEWARE_NAME}. */
export const VECTOR_RAW_RESPONSE_MIDDLEWARE_NAME = 'alternatorVectorRawResponseMiddleware';

/**
 * Carries ScyllaDB's vector-search members (2026.2/2026.3 API) that the SDK's model lacks:
 * `Query.VectorSearch`, and `VectorAttribute.Dimensions`/`SimilarityFunction` in
 * `CreateTable`/`UpdateTable`; on the way back, `Scores` and the raw vector index descriptions.
 * DynamoDB's own vector API needs nothing from here and passes untouched. It adds the members to
 * the request, and copies what the SDK dropped onto the final output, from the raw body the
 * second middleware keeps.
 */
export function vectorMiddleware() {
  return <Output extends MetadataBearer>(
      next: SerializeHandler<object, Output>,
      context: HandlerExecutionContext,
    ) =>
    async (args: SerializeHandlerArguments<object>) => {
      const { commandName } = context;
      const { input, request } = args;
      const members = serverOnlyRequestMembers(commandName, input);
      if (members !== undefined && HttpRequest.isInstance(request)) {
        addMembers(request, members);
      }
      const result = await next(args);
      const raw = RAW_BODIES.get(result.response as object);
      if (raw !== undefined && result.output !== undefined) {
        copyServerOnlyMembers(commandName, input, result.output, raw);
      }
      return result;
    };
}

/**
 * Right after the serializer, before compression, the retry loop and SigV4, so the signed and
 * compressed body is the patched one and retries reuse it.
 */
export const vectorMiddlewareOptions: RelativeMiddlewareOptions = {
  name: VECTOR_MIDDLEWARE_NAME,
  relation: 'after',
  toMiddleware: 'serializerMiddleware',
  tags: [ALTERNATOR_MIDDLEWARE_TAG, 'VECTOR'],
  override: true,
};

/** Keeps the parsed body of a successful response that carries members the SDK drops. */
export function vectorRawResponseMiddleware() {
  return <Output extends MetadataBearer>(
      next: DeserializeHandler<object, Output>,
      context: HandlerExecutionContext,
    ) =>
    async (args: DeserializeHandlerArguments<object>) => {
      const result = await next(args);
      if (needsRawResponse(context.commandName, args.input)) await keepRawBody(result);
      return result;
    };
}

/**
 * Inside the deserializer, and outside response decompression (which sits on the client's stack,
 * so before this command's own middleware), so it reads the decoded body.
 */
export const vectorRawResponseMiddlewareOptions: RelativeMiddlewareOptions = {
  name: VECTOR_RAW_RESPONSE_MIDDLEWARE_NAME,
  relation: 'after',
  toMiddleware: 'deserializerMiddleware',
  tags: [ALTERNATOR_MIDDLEWARE_TAG, 'VECTOR'],
  override: true,
};

/** One plugin serves every command: the middleware take no options. */
const VECTOR_WIRE_PLUGIN: Pluggable<object, MetadataBearer> = {
  applyToStack(stack) {
    stack.addRelativeTo(vectorMiddleware(), vectorMiddlewareOptions);
    stack.addRelativeTo(vectorRawResponseMiddleware(), vectorRawResponseMiddlewareOptions);
  },
};

/**
 * The vector wire middleware, for the stack of each command that needs it (see `vector-send.ts`;
 * using it again is harmless), never for the client's: every middleware on the client's stack
 * costs every request time when the SDK resolves the stack, whether it does anything or not.
 */
export function getVectorWirePlugin(): Pluggable<object, MetadataBearer> {
  return VECTOR_WIRE_PLUGIN;
}

/** Parsed raw response bodies, by response, between the two middleware. */
const RAW_BODIES = new WeakMap<object, Record<string, unknown>>();

/** Adds the members to the serialized JSON body; the content length is computed later. */
function addMembers(request: HttpRequest, members: Record<string, unknown>): void {
  const body = JSON.parse(bodyText(request.body)) as Record<string, unknown>;
  request.body = JSON.stringify(Object.assign(body, members));
  for (const name of Object.keys(request.headers)) {
    if (name.toLowerCase() === 'content-length') delete request.headers[name];
  }
}

/**
 * The body as text. SDK 3.11xx hands a Uint8Array subclass whose string methods warn, so it is
 * decoded as bytes.
 */
function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (!(body instanceof Uint8Array)) return '{}';
  return Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8');
}

/** Parses a successful response's body for later, and puts the same bytes back for the SDK. */
async function keepRawBody(result: DeserializeHandlerOutput<object>): Promise<void> {
  const response = result.response;
  if (!HttpResponse.isInstance(response) || response.statusCode >= 300) return;
  const bytes = await readResponseBody(response.body as Readable | Uint8Array | undefined);
  response.body = Readable.from([bytes]);
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null) {
      RAW_BODIES.set(response, parsed as Record<string, unknown>);
    }
  } catch {
    // Not JSON: the SDK's own deserializer reports it.
  }
}
