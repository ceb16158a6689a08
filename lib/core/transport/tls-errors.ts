import { AlternatorError } from '../errors.js';
import { matchInstancesAcrossBuilds } from '../cross-build-instanceof.js';

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

const HINT_BY_CODE: ReadonlyMap<string, string> = new Map([
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
  static {
    matchInstancesAcrossBuilds(this, 'TlsVerificationError');
  }

  /** Node's error code, e.g. `UNABLE_TO_VERIFY_LEAF_SIGNATURE`. */
  readonly code: string;
  /** Base URL of the node whose certificate was rejected. */
  readonly node: string;

  constructor(node: string, cause: Error & { code: string }) {
    const hint = HINT_BY_CODE.get(cause.code) ?? UNTRUSTED_HINT;
    super(`TLS verification of ${node} failed (${cause.code}: ${cause.message}): ${hint}`, {
      cause,
    });
    this.code = cause.code;
    this.node = node;
  }
}

/** Whether `error` is Node's rejection of a server certificate. */
export function isTlsVerificationError(error: unknown): error is Error & { code: string } {
  // Duck-typed: errors raised inside Node's TLS layer can come from another realm (Jest's VM),
  // where `instanceof Error` is false.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' && HINT_BY_CODE.has(code);
}

/**
 * A certificate rejection becomes a {@link TlsVerificationError} naming `node`; any other error
 * (including one already wrapped) is returned as it is.
 */
export function withTlsContext(error: unknown, node: string): unknown {
  return isTlsVerificationError(error) && !(error instanceof TlsVerificationError)
    ? new TlsVerificationError(node, error)
    : error;
}
