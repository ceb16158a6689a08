import { AlternatorErrorReply } from '../alternator-errors.js';
import type { StoreReply } from '../dynalite-backend.js';

/** A parsed JSON object of a request or reply body. */
export type JsonObject = Record<string, unknown>;

/** An item or key as DynamoDB JSON: attribute name to typed value (`{"S": "x"}`, ...). */
export type AttributeMap = Record<string, unknown>;

/** What the vector layer needs from the store behind it: dynalite's `forward`. */
export interface StoreForwarder {
  forward(operation: string, body: Buffer): Promise<StoreReply>;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body as a JSON object, or undefined when it is not one (the store then reports it). */
export function parseJsonObject(body: Buffer): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function jsonReply(value: unknown, status = 200): StoreReply {
  return { status, body: Buffer.from(JSON.stringify(value)) };
}

export function errorReply(error: AlternatorErrorReply): StoreReply {
  return { status: error.status, body: error.toBody() };
}

export function isErrorReply(value: unknown): value is AlternatorErrorReply {
  return value instanceof AlternatorErrorReply;
}

/** A store call's outcome: its parsed reply, or the error reply to hand back unchanged. */
export type StoreCall = { ok: true; json: JsonObject } | { ok: false; reply: StoreReply };

/** Sends a JSON request to the store and parses a successful reply; errors come back as is. */
export async function callStore(
  store: StoreForwarder,
  operation: string,
  request: JsonObject,
): Promise<StoreCall> {
  const reply = await store.forward(operation, Buffer.from(JSON.stringify(request)));
  const json = reply.status === 200 ? parseJsonObject(reply.body) : undefined;
  return json === undefined ? { ok: false, reply } : { ok: true, json };
}

/** The single type tag and content of a typed value such as `{"N": "1"}`. */
export function typedValue(value: unknown): [type: string, content: unknown] | undefined {
  if (!isJsonObject(value)) {
    return undefined;
  }
  const entries = Object.entries(value);
  return entries.length === 1 ? entries[0] : undefined;
}

export function validation(message: string): AlternatorErrorReply {
  return AlternatorErrorReply.validation(message);
}

export function limitExceeded(message: string): AlternatorErrorReply {
  return new AlternatorErrorReply(400, 'LimitExceededException', message);
}

export function resourceNotFound(message: string): AlternatorErrorReply {
  return new AlternatorErrorReply(400, 'ResourceNotFoundException', message);
}

/** DynamoDB answers a member of the wrong JSON type with this, before any validation. */
export function serialization(message: string): AlternatorErrorReply {
  return new AlternatorErrorReply(400, 'SerializationException', message);
}

/** An optional string member: undefined when absent, a SerializationException when not text. */
export function optionalString(
  request: JsonObject,
  member: string,
): string | undefined | AlternatorErrorReply {
  const value = request[member];
  if (value === undefined || typeof value === 'string') {
    return value;
  }
  return serialization(`${member} must be a string, got ${JSON.stringify(value)}`);
}
