import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Subject common name of the client certificate, as a cluster that requests one reports it. */
export const TEST_CLIENT_COMMON_NAME = 'alternator-test-client';

/** The DNS name every server certificate holds, for `servername` overrides. */
export const TEST_SERVER_NAME = 'alternator.test';

/** A PEM certificate with its key, as paths (for TlsConfig) and contents (for the cluster). */
export interface TestCertificate {
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
}

/** Certificates made for one test file; `remove()` deletes them. */
export interface TestCertificates {
  /** The authority that signed every certificate below. */
  ca: TestCertificate;
  /** An unrelated authority: trusting it alone must fail. */
  otherCa: TestCertificate;
  /** Server certificate for IP:127.0.0.1 to IP:127.0.0.20 and DNS:alternator.test. */
  server: TestCertificate;
  /** Server certificate for DNS:alternator.test only: an IP-addressed node does not match it. */
  dnsOnlyServer: TestCertificate;
  /** Client certificate (CN alternator-test-client) for mutual TLS. */
  client: TestCertificate;
  remove(): void;
}

/** How many loopback addresses the IP-addressed server certificate covers. */
const IP_SAN_COUNT = 20;
const VALID_DAYS = '2';

/**
 * Makes a fresh CA, server and client certificates with the machine's `openssl` CLI in a temp
 * directory: nothing is downloaded and no long-lived key is checked in. EC P-256 keys keep this
 * fast.
 */
export function createTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'alternator-test-certs-'));
  try {
    const openssl = (...args: string[]) => {
      execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    };
    const ca = makeCa(openssl, dir, 'ca', 'Alternator Test CA');
    const otherCa = makeCa(openssl, dir, 'other-ca', 'Unrelated Test CA');
    const ipNames = Array.from({ length: IP_SAN_COUNT }, (_, i) => `IP:127.0.0.${i + 1}`);
    const server = makeSigned(openssl, dir, 'server', TEST_SERVER_NAME, 'serverAuth', [
      `DNS:${TEST_SERVER_NAME}`,
      ...ipNames,
    ]);
    const dnsOnlyServer = makeSigned(
      openssl,
      dir,
      'dns-only-server',
      TEST_SERVER_NAME,
      'serverAuth',
      [`DNS:${TEST_SERVER_NAME}`],
    );
    const client = makeSigned(openssl, dir, 'client', TEST_CLIENT_COMMON_NAME, 'clientAuth', []);
    return {
      ca,
      otherCa,
      server,
      dnsOnlyServer,
      client,
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(
      `Could not make test certificates with the openssl CLI (is it installed?)` +
        (stderr ? `: ${stderr}` : ''),
      { cause: error },
    );
  }
}

type OpenSsl = (...args: string[]) => void;

/** `openssl req` arguments for a fresh P-256 key, written unencrypted to `keyFile`. */
const newKeyInto = (keyFile: string) => [
  '-newkey',
  'ec',
  '-pkeyopt',
  'ec_paramgen_curve:prime256v1',
  '-nodes',
  '-keyout',
  keyFile,
];

function makeCa(openssl: OpenSsl, dir: string, name: string, commonName: string): TestCertificate {
  openssl(
    'req',
    '-x509',
    ...newKeyInto(`${name}-key.pem`),
    '-out',
    `${name}.pem`,
    '-days',
    VALID_DAYS,
    '-subj',
    `/CN=${commonName}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  return load(dir, name);
}

/** A leaf certificate signed by `ca.pem`, with the given extended key usage and SANs. */
function makeSigned(
  openssl: OpenSsl,
  dir: string,
  name: string,
  commonName: string,
  usage: 'serverAuth' | 'clientAuth',
  subjectAltNames: string[],
): TestCertificate {
  openssl(
    'req',
    '-new',
    ...newKeyInto(`${name}-key.pem`),
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${commonName}`,
  );
  const extensions = [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature',
    `extendedKeyUsage=${usage}`,
    ...(subjectAltNames.length > 0 ? [`subjectAltName=${subjectAltNames.join(',')}`] : []),
  ];
  writeFileSync(join(dir, `${name}.ext`), `${extensions.join('\n')}\n`);
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca-key.pem',
    '-CAcreateserial',
    '-days',
    VALID_DAYS,
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.pem`,
  );
  return load(dir, name);
}

function load(dir: string, name: string): TestCertificate {
  const certPath = join(dir, `${name}.pem`);
  const keyPath = join(dir, `${name}-key.pem`);
  return {
    certPath,
    keyPath,
    certPem: readFileSync(certPath, 'utf8'),
    keyPem: readFileSync(keyPath, 'utf8'),
  };
}
