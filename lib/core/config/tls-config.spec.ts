import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, Agent, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rootCertificates } from 'node:tls';
import { ConfigurationError } from '../errors.js';
import { TlsConfig } from './tls-config.js';

// A test CA and a server certificate for DNS:alternator.test only (no IP), valid 2000-2099.
const fixture = (name: string) =>
  fileURLToPath(new URL(`../__fixtures__/tls/${name}`, import.meta.url));
const CA = fixture('ca.pem');

/** Status of a GET through an agent built from `tls`, or the TLS error code. */
function fetchStatus(url: string, tls: TlsConfig): Promise<number | string> {
  const agent = new Agent({ ...tls.toAgentOptions(), keepAlive: false });
  return new Promise<number | string>((resolve) => {
    get(url, { agent }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  }).finally(() => agent.destroy());
}

describe('TlsConfig against a TLS server on 127.0.0.1', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer(
      { cert: readFileSync(fixture('server.pem')), key: readFileSync(fixture('server-key.pem')) },
      (_request, response) => response.end('[]'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/localnodes`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('rejects a certificate that does not name the host', async () => {
    expect(await fetchStatus(url, TlsConfig.withCustomCa(CA))).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('accepts it when servername gives the name the certificate holds', async () => {
    const tls = new TlsConfig({ customCaCertPaths: [CA], servername: 'alternator.test' });
    expect(await fetchStatus(url, tls)).toBe(200);
  });

  it('accepts it when hostname verification is off', async () => {
    const tls = new TlsConfig({ customCaCertPaths: [CA], verifyHostname: false });
    expect(await fetchStatus(url, tls)).toBe(200);
  });

  it('still verifies the chain when hostname verification is off', async () => {
    const tls = new TlsConfig({ verifyHostname: false });
    expect(await fetchStatus(url, tls)).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('accepts anything with trustAll', async () => {
    const tls = TlsConfig.trustAll();
    expect(tls.isTrustAll).toBe(true);
    expect(await fetchStatus(url, tls)).toBe(200);
  });
});

describe('TlsConfig', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'alternator-tls-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('defaults to system CAs, hostname checks and a 1024-session cache', () => {
    const tls = TlsConfig.systemDefault();
    const options = tls.toAgentOptions();
    expect(tls.isTrustAll).toBe(false);
    expect(options.rejectUnauthorized).toBe(true);
    expect(options.maxCachedSessions).toBe(1024);
    expect(options.ca).toBeUndefined();
    expect(tls.sessionCache).toEqual({ enabled: true, cacheSize: 1024, timeoutSeconds: 86400 });
  });

  it('adds custom CAs to the system roots unless told not to', () => {
    const pem = readFileSync(CA, 'utf8');
    // NODE_EXTRA_CA_CERTS adds to the list: tls-extra-ca.spec.ts checks that in a fresh process.
    const ca = TlsConfig.withCustomCa(CA).toAgentOptions().ca as string[];
    expect(ca).toEqual(expect.arrayContaining([...rootCertificates]));
    expect(ca.at(-1)).toBe(pem);
    const only = new TlsConfig({ customCaCertPaths: [CA], trustSystemCaCerts: false });
    expect(only.toAgentOptions().ca).toEqual([pem]);
  });

  it('sizes or disables the session cache', () => {
    expect(
      new TlsConfig({ sessionCache: { cacheSize: 16 } }).toAgentOptions().maxCachedSessions,
    ).toBe(16);
    expect(
      new TlsConfig({ sessionCache: { enabled: false } }).toAgentOptions().maxCachedSessions,
    ).toBe(0);
  });

  it('loads a client certificate and key for mutual TLS', () => {
    const tls = new TlsConfig({
      clientCertPath: fixture('server.pem'),
      clientKeyPath: fixture('server-key.pem'),
    });
    const options = tls.toAgentOptions();
    expect(options.cert).toBe(readFileSync(fixture('server.pem'), 'utf8'));
    expect(options.key).toBe(readFileSync(fixture('server-key.pem'), 'utf8'));
  });

  it('names the option and path of a file it cannot read', () => {
    const missing = join(dir, 'missing-ca.pem');
    const tls = new TlsConfig({ customCaCertPaths: [CA, missing] });
    expect(() => tls.toAgentOptions()).toThrow(ConfigurationError);
    expect(() => tls.toAgentOptions()).toThrow(
      `tls.customCaCertPaths[1]: cannot read "${missing}" (ENOENT)`,
    );
  });

  it('rejects a file that is not PEM without printing its contents', () => {
    const notPem = join(dir, 'key.txt');
    writeFileSync(notPem, 'TOP-SECRET-MATERIAL');
    const tls = new TlsConfig({ clientCertPath: fixture('server.pem'), clientKeyPath: notPem });
    let message = '';
    try {
      tls.toAgentOptions();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`tls.clientKeyPath: "${notPem}" is not a PEM file`);
    expect(message).not.toContain('TOP-SECRET-MATERIAL');
  });

  it('rejects settings that cannot work, all at once', () => {
    let error: unknown;
    try {
      new TlsConfig({
        trustSystemCaCerts: false,
        clientCertPath: '/etc/cert.pem',
        sessionCache: { cacheSize: 0 },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual([
      'tls.clientCertPath and tls.clientKeyPath must be given together',
      'tls.sessionCache.cacheSize must be a positive integer',
      expect.stringContaining('tls trusts no certificate authority'),
    ]);
  });
});
