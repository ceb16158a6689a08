import { TlsVerificationError } from '../errors.js';

// The class lives with every other error class in errors.ts; this path stays for imports.
export { TlsVerificationError } from '../errors.js';

/** Whether `error` is Node's rejection of a server certificate. */
export function isTlsVerificationError(error: unknown): error is Error & { code: string } {
  // Duck-typed: errors raised inside Node's TLS layer can come from another realm (Jest's VM),
  // where `instanceof Error` is false.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    typeof code === 'string' &&
    typeof message === 'string' &&
    TlsVerificationError.isRejectionCode(code)
  );
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
