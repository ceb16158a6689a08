import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type ConnectionOptions, type Server } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { AlternatorError } from '../errors.js';
import { isTlsVerificationError, TlsVerificationError, withTlsContext } from './tls-errors.js';

// The checked-in test CA and a server certificate for DNS:alternator.test only.
const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../__fixtures__/tls/${name}`, import.meta.url)), 'utf8');

describe('TLS verification errors', () => {
  let server: Server;
  let port: number;
  const node = () => `https://127.0.0.1:${port}`;

  /** The error Node's TLS layer raises when connecting with `options`. */
  function handshakeError(options: ConnectionOptions): Promise<Error> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, ...options }, () => {
        socket.destroy();
        reject(new Error('the handshake was expected to fail'));
      });
      socket.once('error', resolve);
    });
  }

  beforeAll(async () => {
    server = createServer({ cert: fixture('server.pem'), key: fixture('server-key.pem') }, (s) =>
      s.end(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('names the node, the cause and the CA option for an untrusted certificate', async () => {
    const original = await handshakeError({});
    expect(isTlsVerificationError(original)).toBe(true);

    const wrapped = withTlsContext(original, node());
    expect(wrapped).toBeInstanceOf(TlsVerificationError);
    expect(wrapped).toBeInstanceOf(AlternatorError);
    const error = wrapped as TlsVerificationError;
    expect(error.name).toBe('TlsVerificationError');
    expect(error.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(error.node).toBe(node());
    expect(error.cause).toBe(original);
    expect(error.message).toContain(`TLS verification of ${node()} failed`);
    expect(error.message).toContain('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(error.message).toContain("tls: TlsConfig.withCustomCa('/path/to/ca.pem')");
  });

  it('points at servername and verifyHostname when the certificate names another host', async () => {
    const original = await handshakeError({ ca: fixture('ca.pem') });
    const error = withTlsContext(original, node()) as TlsVerificationError;
    expect(error.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(error.message).toContain(node());
    expect(error.message).toContain('tls.servername');
    expect(error.message).toContain('tls.verifyHostname: false');
    expect(error.message).not.toContain('withCustomCa');
  });

  it('says to renew an expired certificate', () => {
    const expired = Object.assign(new Error('certificate has expired'), {
      code: 'CERT_HAS_EXPIRED',
    });
    const error = withTlsContext(expired, 'https://10.0.0.1:8043') as TlsVerificationError;
    expect(error).toBeInstanceOf(TlsVerificationError);
    expect(error.message).toBe(
      'TLS verification of https://10.0.0.1:8043 failed (CERT_HAS_EXPIRED: certificate has ' +
        "expired): its certificate is outside its validity period; renew the node's certificate " +
        '(or check the clocks)',
    );
  });

  it('leaves other errors, and errors already wrapped, as they are', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(withTlsContext(refused, node())).toBe(refused);
    expect(withTlsContext('a string', node())).toBe('a string');
    expect(withTlsContext(undefined, node())).toBeUndefined();
    expect(isTlsVerificationError({ code: 'CERT_HAS_EXPIRED' })).toBe(false);

    const once = withTlsContext(await handshakeError({}), node());
    expect(withTlsContext(once, 'https://elsewhere:1')).toBe(once);
  });
});
