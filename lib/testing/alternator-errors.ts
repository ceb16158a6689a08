import type { ServerResponse } from 'node:http';

/** Alternator (and DynamoDB) prefix every error `__type` with this namespace. */
export const ALTERNATOR_ERROR_NAMESPACE = 'com.amazonaws.dynamodb.v20120810#';

export const AMZ_JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

/** An error reply as Alternator sends it: status, short type name and message. */
export class AlternatorErrorReply {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly message: string,
  ) {}

  toBody(): Buffer {
    return Buffer.from(
      JSON.stringify({ __type: ALTERNATOR_ERROR_NAMESPACE + this.type, message: this.message }),
    );
  }

  static validation(message: string): AlternatorErrorReply {
    return new AlternatorErrorReply(400, 'ValidationException', message);
  }

  static unknownOperation(operation: string): AlternatorErrorReply {
    return new AlternatorErrorReply(
      400,
      'UnknownOperationException',
      `Unsupported operation ${operation}`,
    );
  }

  static internal(message: string): AlternatorErrorReply {
    return new AlternatorErrorReply(500, 'InternalServerError', message);
  }

  static payloadTooLarge(limit: number): AlternatorErrorReply {
    return new AlternatorErrorReply(
      413,
      'PayloadTooLarge',
      `Request content length limit of ${limit} bytes exceeded`,
    );
  }
}

/**
 * Writes a JSON API reply with the headers Alternator sends (Content-Type, Content-Length, and
 * Content-Encoding when the body is compressed).
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: Buffer,
  contentEncoding?: string,
): void {
  res.writeHead(status, {
    'Content-Type': AMZ_JSON_CONTENT_TYPE,
    'Content-Length': body.length,
    ...(contentEncoding ? { 'Content-Encoding': contentEncoding } : {}),
  });
  res.end(body);
}

export function sendError(res: ServerResponse, error: AlternatorErrorReply): void {
  sendJson(res, error.status, error.toBody());
}

/**
 * Gives a backend error body Alternator's `__type` namespace (dynalite uses
 * `com.amazon.coral.service#` and others) and a message when it has none.
 */
export function toAlternatorErrorBody(body: Buffer, status: number): Buffer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return AlternatorErrorReply.internal(
      `Internal server error: local store answered ${status} without a JSON error`,
    ).toBody();
  }
  const fields = parsed as Record<string, unknown>;
  const rawType = typeof fields.__type === 'string' ? fields.__type : 'InternalServerError';
  const type = rawType.slice(rawType.lastIndexOf('#') + 1);
  // DynamoDB spells it "Message" in some errors; Alternator always sends "message".
  const message = fields.message ?? fields.Message ?? type;
  const rest = { ...fields };
  delete rest.Message;
  return Buffer.from(
    JSON.stringify({ ...rest, __type: ALTERNATOR_ERROR_NAMESPACE + type, message }),
  );
}
