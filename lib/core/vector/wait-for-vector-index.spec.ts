import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ScriptedDynamoDbServer,
  type ScriptedAnswer,
} from '../../../test/client/vector-scripted-server.js';
import { VectorIndexNotReadyError } from './vector-errors.js';
import { waitForVectorIndexActive } from './wait-for-vector-index.js';

const index = (status: string, backfilling?: boolean) => ({
  IndexName: 'vi',
  VectorAttribute: { AttributeName: 'v', Dimensions: 3 },
  IndexStatus: status,
  ...(backfilling === undefined ? {} : { Backfilling: backfilling }),
});
const described = (...indexes: object[]): ScriptedAnswer => ({
  body: { Table: { TableName: 't', VectorIndexes: indexes } },
});

describe('waitForVectorIndexActive (scripted server, plain DynamoDBClient)', () => {
  let server: ScriptedDynamoDbServer;
  let client: DynamoDBClient;
  let answers: ScriptedAnswer[] = [];

  beforeAll(async () => {
    server = await ScriptedDynamoDbServer.start(() => answers.shift() ?? described());
    client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${server.port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await server.stop();
  });

  it('waits through CREATING and backfilling, and returns the ACTIVE description', async () => {
    answers = [
      described(index('CREATING', true)),
      described(index('CREATING')),
      described(index('ACTIVE', true)),
      described(index('ACTIVE')),
    ];
    const before = server.requests.length;
    const active = await waitForVectorIndexActive(client, 't', 'vi', { pollIntervalMs: 1 });
    expect(active).toMatchObject({ IndexName: 'vi', IndexStatus: 'ACTIVE' });
    expect(server.requests.length - before).toBe(4);
  });

  it('fails at once, listing the table’s vector indexes, when the index does not exist', async () => {
    answers = [described(index('ACTIVE'))];
    const wait = waitForVectorIndexActive(client, 't', 'missing', { pollIntervalMs: 1 });
    await expect(wait).rejects.toThrow(VectorIndexNotReadyError);
    await expect(wait).rejects.toThrow(
      "Table 't' has no vector index 'missing' (its vector indexes: 'vi')",
    );
  });

  it('fails when the index is being deleted', async () => {
    answers = [described(index('DELETING'))];
    await expect(waitForVectorIndexActive(client, 't', 'vi')).rejects.toThrow('is being deleted');
  });

  it('gives up after timeoutMs with the last status it saw', async () => {
    answers = Array.from({ length: 1000 }, () => described(index('CREATING', true)));
    const wait = waitForVectorIndexActive(client, 't', 'vi', { timeoutMs: 50, pollIntervalMs: 5 });
    await expect(wait).rejects.toThrow(
      "Vector index 'vi' of table 't' was not ACTIVE after 50 ms (last seen: CREATING, backfilling)",
    );
    await expect(wait).rejects.toMatchObject({ lastStatus: 'CREATING', indexName: 'vi' });
  });

  it('stops when aborted', async () => {
    answers = Array.from({ length: 1000 }, () => described(index('CREATING')));
    const controller = new AbortController();
    const wait = waitForVectorIndexActive(client, 't', 'vi', {
      pollIntervalMs: 10_000,
      abortSignal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('shutting down')), 20);
    await expect(wait).rejects.toThrow('shutting down');
  });
});
