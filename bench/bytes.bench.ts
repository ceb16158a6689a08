import {
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { AlternatorConfig } from '../lib/core/config/alternator-config.js';
import { CompressionAlgorithm } from '../lib/core/config/compression-algorithm.js';
import { alternatorClientOf, BENCH_TABLE, plainClient } from './support/bench-clients.js';
import { info, type BenchContext, type BenchmarkOutcome } from './support/bench-report.js';
import { applicationLikeItem } from './support/sample-items.js';
import { median, round } from './support/stats.js';
import { startStubNodes, type StubNodes } from './support/stub-nodes.js';

const ROUNDS = 5;
const LARGE_ITEM_BYTES = 10 * 1024;

type Operation = 'GetItem' | 'PutItem' | 'PutItem 10 KB';
const OPERATIONS: Operation[] = ['GetItem', 'PutItem', 'PutItem 10 KB'];

interface Contender {
  name: string;
  client: DynamoDBClient;
  /** Mean request bytes per operation, one entry per round. */
  bytes: Record<Operation, number[]>;
}

/**
 * Bytes on the wire: the exact size of each request (request line, headers, body) as the stub
 * node's socket counted it, for a plain `DynamoDBClient` and for AlternatorClient with defaults,
 * with `optimizeHeaders`, and with gzip, all signed. Requests go one at a time, so each socket's
 * byte count between two requests is one request; contenders take turns within each round.
 */
export async function bytesBenchmark(context: BenchContext): Promise<BenchmarkOutcome> {
  const requestsPerOperation = context.quick ? 20 : 100;
  const stubs = await startStubNodes(3);
  const alternator = (options: Partial<AlternatorConfig>) => alternatorClientOf(stubs, options);
  const contenders: Contender[] = [];
  const large = applicationLikeItem('large-item', LARGE_ITEM_BYTES);
  try {
    const named: Array<[string, DynamoDBClient]> = [
      ['plain DynamoDBClient', plainClient(`http://${stubs.seedHosts[0]}:${stubs.port}`)],
      ['AlternatorClient (defaults)', await alternator({})],
      ['AlternatorClient (optimizeHeaders)', await alternator({ optimizeHeaders: true })],
      ['AlternatorClient (gzip)', await alternator({ compression: CompressionAlgorithm.GZIP })],
    ];
    for (const [name, client] of named) {
      contenders.push({ name, client, bytes: { GetItem: [], PutItem: [], 'PutItem 10 KB': [] } });
    }
    stubs.takeRequestSizes();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const contender of contenders) {
        for (const operation of OPERATIONS) {
          contender.bytes[operation].push(
            await meanRequestBytes(stubs, contender.client, operation, requestsPerOperation, large),
          );
        }
      }
    }
  } finally {
    for (const contender of contenders) contender.client.destroy();
    await stubs.stop();
  }

  const [plain, defaults, optimized, gzip] = contenders;
  const typical = (contender: Contender, operation: Operation) =>
    round(median(contender.bytes[operation]), 1);
  const ratio = (ours: Contender, reference: Contender, operation: Operation) =>
    typical(ours, operation) / typical(reference, operation);
  const optimizeHeadersRatio =
    (ratio(optimized, defaults, 'GetItem') + ratio(optimized, defaults, 'PutItem')) / 2;
  const gzip10kRatio = ratio(gzip, defaults, 'PutItem 10 KB');
  context.log(
    'bytes per request: ' +
      contenders
        .map((c) => `${c.name} ${OPERATIONS.map((o) => `${o} ${typical(c, o)}`).join(', ')}`)
        .join(' | '),
  );
  return {
    name: 'bytes',
    figures: [
      info('optimizeHeaders / defaults, GetItem+PutItem', round(optimizeHeadersRatio, 3), 'x'),
      info('gzip / uncompressed, PutItem of a 10 KB item', round(gzip10kRatio, 3), 'x'),
      ...contenders.flatMap((c) =>
        OPERATIONS.map((o) => info(`${o}, ${c.name}`, typical(c, o), 'bytes')),
      ),
    ],
    results: {
      optimizeHeadersRatio: round(optimizeHeadersRatio, 3),
      gzip10kRatio: round(gzip10kRatio, 3),
      defaultsVsPlainRatio: round(
        (ratio(defaults, plain, 'GetItem') + ratio(defaults, plain, 'PutItem')) / 2,
        3,
      ),
      bytesPerRequest: Object.fromEntries(
        contenders.map((c) => [
          c.name,
          Object.fromEntries(OPERATIONS.map((o) => [o, typical(c, o)])),
        ]),
      ),
      largeItemJsonBytes: JSON.stringify(large).length,
      rounds: ROUNDS,
      requestsPerOperation,
    },
  };
}

async function meanRequestBytes(
  stubs: StubNodes,
  client: DynamoDBClient,
  operation: Operation,
  count: number,
  large: Record<string, AttributeValue>,
): Promise<number> {
  for (let i = 0; i < count; i++) {
    const id = { S: `key-${i}` };
    if (operation === 'GetItem') {
      await client.send(new GetItemCommand({ TableName: BENCH_TABLE, Key: { id } }));
    } else if (operation === 'PutItem') {
      await client.send(
        new PutItemCommand({
          TableName: BENCH_TABLE,
          Item: { id, name: { S: `item ${i}` }, count: { N: String(i) } },
        }),
      );
    } else {
      await client.send(new PutItemCommand({ TableName: BENCH_TABLE, Item: { ...large, id } }));
    }
  }
  const sizes = stubs.takeRequestSizes();
  if (sizes.length !== count) {
    throw new Error(`expected ${count} ${operation} requests on the wire, saw ${sizes.length}`);
  }
  return sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
}
