import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestCertificates, type TestCertificates } from '../support/test-certificates.js';
import type { ExtraCaChildInput } from './tls-extra-ca.child.js';

describe('TlsConfig with custom CAs and trustSystemCaCerts', () => {
  let certs: TestCertificates;

  beforeAll(() => {
    certs = createTestCertificates();
  });

  afterAll(() => certs?.remove());

  it('keeps the CAs of NODE_EXTRA_CA_CERTS (checked in a fresh process)', () => {
    const input: ExtraCaChildInput = {
      serverCertPem: certs.server.certPem,
      serverKeyPem: certs.server.keyPem,
      extraCaPem: certs.ca.certPem,
      otherCaPath: certs.otherCa.certPath,
    };
    const child = spawnSync(
      process.execPath,
      [
        '--experimental-vm-modules',
        '--disable-warning=ExperimentalWarning',
        'node_modules/jest/bin/jest.js',
        '--ci',
        '--testRegex',
        'test/client/tls-extra-ca\\.child\\.ts$',
      ],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          NODE_EXTRA_CA_CERTS: certs.ca.certPath,
          ALTERNATOR_EXTRA_CA_CHILD: JSON.stringify(input),
        },
      },
    );
    const output = `${child.stdout}\n${child.stderr}`;
    if (child.status !== 0) throw new Error(`the child Jest run failed:\n${output.slice(-6000)}`);
    expect(output).toMatch(/Tests:\s+2 passed, 2 total/);
  });
});
