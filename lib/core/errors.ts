/**
 * Every error class this package throws, in one module: catch `AlternatorError` to tell them
 * apart from DynamoDB service errors, or one of its subclasses for a particular cause.
 */

/**
 * Base class of every error this package throws on its own account, so callers can tell them
 * apart from DynamoDB service errors with one `instanceof` check.
 *
 * @publicApi
 */
export class AlternatorError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Thrown when options are invalid. `problems` lists every bad option, so one run shows all of
 * them instead of one per restart.
 *
 * @publicApi
 */
export class ConfigurationError extends AlternatorError {
  /** One entry per bad option, each naming the option and what to change. */
  readonly problems: string[];

  /**
   * @param problems what is wrong, one entry per option (a single string is one problem)
   * @param heading first line of the message. Default: `Invalid Alternator configuration`
   */
  constructor(problems: string | readonly string[], heading = 'Invalid Alternator configuration') {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super([`${heading}:`, ...list.map((problem) => `  - ${problem}`)].join('\n'));
    this.problems = list;
  }
}

/**
 * Thrown when a request has no node left to go to: every known node is down, or none is known.
 *
 * @publicApi
 */
export class NoNodesAvailableError extends AlternatorError {
  constructor(
    message = 'No Alternator node is available: every known node is down or none was discovered',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** What to change for each kind of certificate rejection. */
const UNTRUSTED_HINT =
  "its certificate is not signed by an authority the client trusts; trust the cluster's CA " +
  "with tls: TlsConfig.withCustomCa('/path/to/ca.pem') (or tls.customCaCertPaths)";
const HOSTNAME_HINT =
  'its certificate does not name the address the client connected to; set tls.servername to a ' +
  'name the certificate holds, or tls.verifyHostname: false to check the chain only';
const VALIDITY_HINT =
  "its certificate is outside its validity period; renew the node's certificate (or check " +
  'the clocks)';

/** Node's codes for a rejected server certificate, each with what to change. */
const TLS_VERIFICATION_HINTS: ReadonlyMap<string, string> = new Map([
  ['SELF_SIGNED_CERT_IN_CHAIN', UNTRUSTED_HINT],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', UNTRUSTED_HINT],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', UNTRUSTED_HINT],
  ['UNABLE_TO_GET_ISSUER_CERT', UNTRUSTED_HINT],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', UNTRUSTED_HINT],
  ['CERT_UNTRUSTED', UNTRUSTED_HINT],
  ['CERT_SIGNATURE_FAILURE', UNTRUSTED_HINT],
  ['ERR_TLS_CERT_ALTNAME_INVALID', HOSTNAME_HINT],
  ['CERT_HAS_EXPIRED', VALIDITY_HINT],
  ['CERT_NOT_YET_VALID', VALIDITY_HINT],
]);

/**
 * A node's certificate was rejected. The message names the node, the TLS cause and the option to
 * change; `cause` is the original error (from Node's TLS layer, through the SDK's handler).
 *
 * @publicApi
 */
export class TlsVerificationError extends AlternatorError {
  /** Node's error code, e.g. `UNABLE_TO_VERIFY_LEAF_SIGNATURE`. */
  readonly code: string;
  /** Base URL of the node whose certificate was rejected. */
  readonly node: string;

  constructor(node: string, cause: Error & { code: string }) {
    const hint = TLS_VERIFICATION_HINTS.get(cause.code) ?? UNTRUSTED_HINT;
    super(`TLS verification of ${node} failed (${cause.code}: ${cause.message}): ${hint}`, {
      cause,
    });
    this.code = cause.code;
    this.node = node;
  }

  /** Whether Node's error `code` is a rejection of the server's certificate. */
  static isRejectionCode(code: string): boolean {
    return TLS_VERIFICATION_HINTS.has(code);
  }
}

/**
 * Thrown when a response declares an encoding the client asked for (`responseCompression`) but
 * its body does not decode.
 *
 * @publicApi
 */
export class ResponseDecompressionError extends AlternatorError {}

/** Which part of a response went over its bound. */
export type ResponsePart = 'body' | 'decoded body' | 'headers';

/**
 * A node sent more than the client accepts for one response: a body over `maxResponseBytes` (as
 * sent, or once decompressed), or headers over 16 KiB. The attempt fails without buffering the
 * rest. Reads are retried on another node (within `maxAttempts`); writes are not, since the node
 * answered and the write most likely took effect. An oversized body does not count against the
 * node's health: its size comes from the data asked for, and every replica would send the same.
 *
 * @publicApi
 */
export class ResponseTooLargeError extends AlternatorError {
  /** Base URL of the node that answered, e.g. `http://10.0.0.1:8000`. */
  readonly node: string;
  /** The bound that was exceeded, in bytes. */
  readonly limitBytes: number;
  /** Which part of the response exceeded it. */
  readonly part: ResponsePart;
  /**
   * The HTTP status of the answer, when its headers were read, as on the SDK's own errors; the
   * SDK's retry strategy and the node's health read it.
   */
  readonly $metadata: { httpStatusCode?: number };

  /**
   * @param node base URL of the node that answered
   * @param part which part of the answer went over
   * @param limitBytes the bound
   * @param options `detail`: what was seen (`its Content-Length is 5368709120`); `option`: the
   *   option that raises the bound, when there is one; `statusCode`: the answer's HTTP status,
   *   when known; `retryable`: whether the SDK may retry it on another node; `cause`: the
   *   underlying error
   */
  constructor(
    node: string,
    part: ResponsePart,
    limitBytes: number,
    options: {
      detail: string;
      option?: string;
      statusCode?: number;
      retryable: boolean;
      cause?: unknown;
    },
  ) {
    const raise = options.option ? `; raise ${options.option} if such answers are expected` : '';
    super(
      `The response ${part} from ${node} exceeds the ${limitBytes}-byte limit ` +
        `(${options.detail})${raise}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.node = node;
    this.part = part;
    this.limitBytes = limitBytes;
    this.$metadata = options.statusCode === undefined ? {} : { httpStatusCode: options.statusCode };
    // The SDK retries an error that carries this trait (see the class comment for which do).
    if (options.retryable) Object.defineProperty(this, '$retryable', { value: {} });
  }
}

/**
 * A node sent its headers in time but not the rest of its body within `requestTimeoutMs` of the
 * attempt's start (the SDK's own deadline stops at the headers). Like the SDK's timeout, it counts
 * as a failure of the node and the SDK retries it on another node, within `maxAttempts`.
 *
 * @publicApi
 */
export class ResponseTimeoutError extends AlternatorError {
  /** Base URL of the node that stalled. */
  readonly node: string;
  /** `ETIMEDOUT`, the code the SDK's retry strategy treats as transient. */
  readonly code = 'ETIMEDOUT';

  constructor(node: string, timeoutMs: number, receivedBytes: number) {
    super(
      `The response body from ${node} was not complete within requestTimeoutMs (${timeoutMs} ms; ` +
        `${receivedBytes} bytes received)`,
    );
    this.node = node;
  }
}

/**
 * A node's connection broke while its response body was coming in (the body is shorter than its
 * `Content-Length`, or the connection closed mid-way): a node dying mid-answer. `code` is the
 * transport's (usually `ECONNRESET`), so routing and the SDK's retry strategy treat it as the
 * reset it is; it counts as a failure of the node.
 *
 * @publicApi
 */
export class ResponseInterruptedError extends AlternatorError {
  /** Base URL of the node whose answer broke off. */
  readonly node: string;
  /** The transport's error code, e.g. `ECONNRESET`. */
  readonly code: string | undefined;

  /**
   * @param node base URL of the node whose answer broke off
   * @param receivedBytes body bytes that arrived before the break
   * @param cause the transport's error
   */
  constructor(node: string, receivedBytes: number, cause: Error & { code?: string }) {
    super(
      `The response body from ${node} broke off after ${receivedBytes} bytes ` +
        `(${cause.code ?? cause.message})`,
      { cause },
    );
    this.node = node;
    this.code = cause.code;
  }
}

/**
 * A node answered with a success status but a body that is not a JSON object, so it cannot be a
 * DynamoDB answer: what a broken proxy in front of a node sends (an HTML page with status 200).
 * Reads are retried on another node (within `maxAttempts`); writes are not, since the write may
 * have taken effect. It counts as a failure of the node.
 *
 * @publicApi
 */
export class MalformedResponseError extends AlternatorError {
  /** Base URL of the node that answered. */
  readonly node: string;

  /**
   * @param node base URL of the node that answered
   * @param statusCode the answer's HTTP status
   * @param firstCharacter the body's first character after white space; undefined when empty
   * @param retryable whether the SDK may retry it on another node
   */
  constructor(
    node: string,
    statusCode: number,
    firstCharacter: string | undefined,
    retryable: boolean,
  ) {
    const seen =
      firstCharacter === undefined
        ? 'its body is empty'
        : `its body starts with ${JSON.stringify(firstCharacter)}, not "{"`;
    super(`The response from ${node} (HTTP ${statusCode}) is not a DynamoDB answer: ${seen}`);
    this.node = node;
    if (retryable) Object.defineProperty(this, '$retryable', { value: {} });
  }
}

/**
 * Thrown before sending when a vector holds a value the server would reject: something that is
 * not a number, or a number that is not finite as a 32-bit float (NaN, ±Infinity, or beyond
 * ±3.4028234663852886e38).
 *
 * @publicApi
 */
export class InvalidVectorError extends AlternatorError {
  constructor(
    message: string,
    /** The attribute the vector was meant for, when the caller named it. */
    readonly attributeName: string | undefined,
    /** Position of the first bad element. */
    readonly index: number,
  ) {
    super(message);
  }
}

/**
 * Thrown when the server does not speak the vector-search API a request needs (for example
 * `SearchVectors` before ScyllaDB 2026.4, or `Scores` before 2026.3), instead of returning a
 * result that silently lacks what was asked for.
 *
 * @publicApi
 */
export class VectorSearchUnsupportedError extends AlternatorError {}

/**
 * Thrown by `waitForVectorIndexActive` when the index is missing, being deleted, or not ready in
 * time.
 *
 * @publicApi
 */
export class VectorIndexNotReadyError extends AlternatorError {
  constructor(
    message: string,
    /** The table that was described. */
    readonly tableName: string,
    /** The vector index that was waited for. */
    readonly indexName: string,
    /** The last `IndexStatus` seen, or undefined when the index was not found. */
    readonly lastStatus: string | undefined,
  ) {
    super(message);
  }
}
