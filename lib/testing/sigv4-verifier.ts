import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { AlternatorErrorReply } from './alternator-errors.js';
import type { LocalClusterCredentials } from './local-cluster-options.interface.js';

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_CLOCK_SKEW_MS = 15 * 60_000;
const AMZ_DATE_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

interface AuthorizationFields {
  credential: string;
  signature: string;
  signedHeaders: string[];
}

/**
 * Verifies SigV4 the way Alternator does with `alternator_enforce_authorization`: URI "/",
 * empty query, the SignedHeaders with their values as received, the hash of the raw (still
 * compressed) body, and the region and service the client put in its credential scope.
 */
export class SigV4Verifier {
  private readonly signer: SignatureV4;

  constructor(
    private readonly credentials: LocalClusterCredentials,
    private readonly now: () => number = Date.now,
  ) {
    this.signer = new SignatureV4({
      credentials,
      region: 'local',
      service: 'dynamodb',
      sha256: Sha256,
      // The client decides whether x-amz-content-sha256 is signed; never add it ourselves.
      applyChecksum: false,
    });
  }

  /** Resolves to undefined for an authentic request, else to the error Alternator returns. */
  async verify(
    headers: IncomingHttpHeaders,
    rawBody: Buffer,
  ): Promise<AlternatorErrorReply | undefined> {
    if (headers.host === undefined) {
      return invalidSignature('Host header is mandatory for signature verification');
    }
    const authorization = headers.authorization;
    if (authorization === undefined) {
      return new AlternatorErrorReply(
        400,
        'MissingAuthenticationTokenException',
        'Authorization header is mandatory for signature verification',
      );
    }
    const fields = parseAuthorization(authorization);
    if (fields === undefined) {
      return invalidSignature(`Authorization header must use ${ALGORITHM} algorithm`);
    }
    const scope = fields.credential.split('/');
    if (scope.length !== 5) {
      return AlternatorErrorReply.validation(
        `Incorrect credential information format: ${fields.credential}`,
      );
    }
    const [accessKeyId, dateStamp, region, service] = scope;
    if (accessKeyId !== this.credentials.accessKeyId) {
      return unrecognizedClient(`User not found: ${accessKeyId}`);
    }
    const signedHeaders = new Set(fields.signedHeaders);
    if (!signedHeaders.has('x-amz-date')) {
      return invalidSignature('X-Amz-Date header is mandatory for signature verification');
    }
    const amzDate = headerValue(headers, 'x-amz-date');
    const signingDate = parseAmzDate(amzDate);
    const dateError = this.checkDate(signingDate, amzDate, dateStamp);
    if (dateError !== undefined) {
      return dateError;
    }
    if (signedHeaders.has('x-amz-content-sha256')) {
      // The server hashes the body itself; a signed hash that lies about it cannot verify.
      const bodyHash = createHash('sha256').update(rawBody).digest('hex');
      if (headerValue(headers, 'x-amz-content-sha256') !== bodyHash) {
        return wrongSignature();
      }
    }
    const expected = await this.computeSignature(headers, rawBody, fields, {
      signingDate,
      signingRegion: region,
      signingService: service,
    });
    return constantTimeEquals(expected, fields.signature) ? undefined : wrongSignature();
  }

  private checkDate(
    signedAt: Date,
    amzDate: string,
    dateStamp: string,
  ): AlternatorErrorReply | undefined {
    if (Number.isNaN(signedAt.getTime())) {
      return invalidSignature(
        `X-Amz-Date must be an ISO 8601 basic date-time such as 20250101T000000Z`,
      );
    }
    const skew = signedAt.getTime() - this.now();
    if (skew < -MAX_CLOCK_SKEW_MS) {
      return invalidSignature(
        `Signature expired: ${amzDate} is more than 15 min. before server time`,
      );
    }
    if (skew > MAX_CLOCK_SKEW_MS) {
      return invalidSignature(
        `Signature not yet current: ${amzDate} is more than 15 min. after server time`,
      );
    }
    if (amzDate.slice(0, 8) !== dateStamp) {
      return invalidSignature(
        `X-Amz-Date date does not match the provided datestamp. Expected ${dateStamp}, got ${amzDate.slice(0, 8)}`,
      );
    }
    return undefined;
  }

  private async computeSignature(
    headers: IncomingHttpHeaders,
    rawBody: Buffer,
    fields: AuthorizationFields,
    scope: { signingDate: Date; signingRegion: string; signingService: string },
  ): Promise<string> {
    const signed: Record<string, string> = {};
    for (const name of fields.signedHeaders) {
      // A signed header that did not arrive counts with an empty value, as on the server.
      signed[name] = headerValue(headers, name);
    }
    const request = new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: headerValue(headers, 'host'),
      path: '/',
      query: {},
      headers: signed,
      body: rawBody,
    });
    const result = await this.signer.sign(request, {
      ...scope,
      signableHeaders: new Set(fields.signedHeaders),
    });
    const header = result.headers.authorization ?? '';
    return header.slice(header.lastIndexOf('Signature=') + 'Signature='.length);
  }
}

function parseAuthorization(header: string): AuthorizationFields | undefined {
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space) !== ALGORITHM) {
    return undefined;
  }
  const fields: AuthorizationFields = { credential: '', signature: '', signedHeaders: [] };
  for (const entry of header.slice(space + 1).split(/[ ,]/)) {
    const parts = entry.split('=');
    if (parts.length !== 2) {
      continue;
    }
    const [key, value] = parts;
    if (key === 'Credential') {
      fields.credential = value;
    } else if (key === 'Signature') {
      fields.signature = value;
    } else if (key === 'SignedHeaders') {
      fields.signedHeaders = value.split(';').filter((name) => name.length > 0);
    }
  }
  return fields;
}

function parseAmzDate(value: string): Date {
  const match = AMZ_DATE_PATTERN.exec(value);
  if (match === null) {
    return new Date(Number.NaN);
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls over impossible values (month 13); such a header matches no real time.
  return date.toISOString().replace(/[-:]|\.\d{3}/g, '') === value ? date : new Date(Number.NaN);
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

function constantTimeEquals(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function invalidSignature(message: string): AlternatorErrorReply {
  return new AlternatorErrorReply(400, 'InvalidSignatureException', message);
}

function unrecognizedClient(message: string): AlternatorErrorReply {
  return new AlternatorErrorReply(400, 'UnrecognizedClientException', message);
}

function wrongSignature(): AlternatorErrorReply {
  return unrecognizedClient(
    'The request signature does not match: check the secret access key, and that the body and ' +
      'signed headers were not changed after signing',
  );
}
