// Run by tls-extra-ca.spec.ts in a Jest process started with NODE_EXTRA_CA_CERTS, which Node
// reads at start-up only; not matched by the suite's testRegex on its own.
import { afterAll, describe, expect, it } from '@jest/globals';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createAlternatorClient, type AlternatorClient } from '../../lib/core/alternator-client.js';
import { TlsConfig } from '../../lib/core/config/tls-config.js';
import { TlsVerificationError } from '../../lib/core/transport/tls-errors.js';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { TEST_CREDENTIALS } from '../support/alternator-test-kit.js';

/** What the parent hands over: the server's certificate (signed by the extra CA) and another CA. */
export interface ExtraCaChildInput {
  serverCertPem: string;
  serverKeyPem: string;
  extraCaPem: string;
  otherCaPath: string;
}

const input = JSON.parse(process.env.ALTERNATOR_EXTRA_CA_CHILD ?? '{}') as ExtraCaChildInput;

describe('custom CAs in a process started with NODE_EXTRA_CA_CERTS', () => {
  const clients: AlternatorClient[] = [];
  let cluster: LocalAlternatorCluster | undefined;

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await cluster?.stop();
  });

  async function listTablesWith(tls: TlsConfig): Promise<unknown> {
    cluster ??= await LocalAlternatorCluster.start({
      nodes: 1,
      auth: TEST_CREDENTIALS,
      tls: { certPem: input.serverCertPem, keyPem: input.serverKeyPem, caPem: input.extraCaPem },
    });
    const client = await createAlternatorClient({
      seedHosts: [...cluster.seedHosts],
      port: cluster.port,
      scheme: 'https',
      tls,
      credentials: TEST_CREDENTIALS,
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    });
    clients.push(client);
    return client.send(new ListTablesCommand({})).catch((error: unknown) => error);
  }

  it('still trusts the extra CA when a custom CA is added to the system ones', async () => {
    const answer = await listTablesWith(new TlsConfig({ customCaCertPaths: [input.otherCaPath] }));
    expect(answer).toEqual(expect.objectContaining({ TableNames: [] }));
  });

  it('does not trust it once the system CAs are left out', async () => {
    const answer = await listTablesWith(
      new TlsConfig({ customCaCertPaths: [input.otherCaPath], trustSystemCaCerts: false }),
    );
    expect(answer).toBeInstanceOf(TlsVerificationError);
  });
});
