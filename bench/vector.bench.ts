import {
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { AlternatorClient } from '../lib/core/alternator-client.js';
import { float32List, float32Vector } from '../lib/core/vector/float32-vector.js';
import { addVectorSupport } from '../lib/core/vector/vector-send.js';
import { alternatorClientOf, BENCH_TABLE, getOrPut } from './support/bench-clients.js';
import { atMost, info, type BenchContext, type BenchmarkOutcome } from './support/bench-report.js';
import { ChildProcessRpc } from './support/child-process-rpc.js';
import { runClosedLoop } from './support/closed-loop.js';
import { median, round } from './support/stats.js';
import { startStubNodes } from './support/stub-nodes.js';

const DIMENSIONS = 1536;
/** Turns of the in-process measurement. */
const ROUNDS = 5;
/** Shorter rounds, more of them: the effect looked for is smaller than one round's noise. */
const OVERHEAD_ROUNDS = 11;
const CONCURRENCY = 32;

/**
 * Vector search costs. Bytes: one signed `PutItem` of a 1536-dimension embedding as a list of
 * numbers and as `FLOAT32VECTOR`, counted on the stub node's socket. Overhead: the same GetItem /
 * PutItem mix as the overhead benchmark (no vector member anywhere) through an AlternatorClient
 * with its vector support and through one with it removed, plus a second client without it
 * (A/B/A', in a rotating order), so the with/without ratio can be read against the A'/A noise of
 * the same run; and what the vector support adds to sending such a request, in nanoseconds.
 */
export async function vectorBenchmark(context: BenchContext): Promise<BenchmarkOutcome> {
  const bytes = await requestBytes();
  context.log(
    `vector bytes: list ${bytes.list} B, list of widened doubles ${bytes.widenedList} B, ` +
      `FLOAT32VECTOR ${bytes.float32} B`,
  );
  const overhead = await middlewareOverhead(context);
  const nanos = await sendWrapperNanos(context.quick ? 50_000 : 200_000);
  const float32BytesRatio = round(bytes.float32 / bytes.list, 3);
  return {
    name: 'vector',
    figures: [
      info('PutItem bytes, 1536 dims as list of N', bytes.list, 'B'),
      info('PutItem bytes, 1536 dims as FLOAT32VECTOR', bytes.float32, 'B'),
      info('bytes ratio, FLOAT32VECTOR / list of N', float32BytesRatio, 'x'),
      info(
        'bytes ratio, FLOAT32VECTOR / list of widened doubles',
        round(bytes.float32 / bytes.widenedList, 3),
        'x',
      ),
      atMost(
        'CPU ratio, with / without vector support (no vector member)',
        overhead.ratio,
        'x',
        round(overhead.noiseRatio + Math.max(overhead.noiseBand, 0.01), 3),
      ),
      info(
        "CPU ratio, A' / A without vector support (same client twice)",
        overhead.noiseRatio,
        'x',
      ),
      info("noise band, 2 standard deviations of a round's A'/A", overhead.noiseBand, 'x'),
      info('vector support cost per request without vector members (send)', nanos, 'ns'),
    ],
    results: {
      float32BytesRatio,
      listBytes: bytes.list,
      widenedListBytes: bytes.widenedList,
      float32Bytes: bytes.float32,
      middlewareOverheadRatio: overhead.ratio,
      middlewareNoiseRatio: overhead.noiseRatio,
      middlewareNoiseBand: overhead.noiseBand,
      sendWrapperNanosPerRequest: nanos,
    },
  };
}

/** A deterministic unit-length embedding, as models produce. */
function embedding(): Float32Array {
  const vector = new Float32Array(DIMENSIONS);
  let state = 42;
  for (let index = 0; index < DIMENSIONS; index++) {
    state = (state * 48271) % 2147483647;
    vector[index] = state / 2147483647 - 0.5;
  }
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

async function requestBytes(): Promise<{ list: number; widenedList: number; float32: number }> {
  const stubs = await startStubNodes(1);
  const client = await alternatorClientOf(stubs, { seedHosts: stubs.seedHosts });
  const vector = embedding();
  const put = async (value: AttributeValue) => {
    stubs.takeRequestSizes();
    await client.send(
      new PutItemCommand({
        TableName: BENCH_TABLE,
        Item: { id: { S: 'doc-1' }, embedding: value },
      }),
    );
    return stubs.takeRequestSizes()[0];
  };
  try {
    return {
      list: await put(float32List(vector)),
      // What `Array.from(vector).map(String)` sends: every float32 widened to 17 digits.
      widenedList: await put({ L: Array.from(vector, (value) => ({ N: String(value) })) }),
      float32: await put(float32Vector(vector)),
    };
  } finally {
    client.destroy();
    await stubs.stop();
  }
}

async function middlewareOverhead(
  context: BenchContext,
): Promise<{ ratio: number; noiseRatio: number; noiseBand: number }> {
  const requestsPerRound = context.quick ? 2_000 : 10_000;
  const stubs = ChildProcessRpc.start(new URL('./support/stub-nodes.process.js', import.meta.url));
  const { seedHosts, port } = await stubs.call<{ seedHosts: string[]; port: number }>('start', 3);
  const alternator = (withVectorMiddleware: boolean) =>
    vectorClient(seedHosts[0], port, withVectorMiddleware);
  const contenders: Array<{ client: DynamoDBClient; cpu: number[] }> = [
    { client: await alternator(false), cpu: [] },
    { client: await alternator(true), cpu: [] },
    { client: await alternator(false), cpu: [] },
  ];
  try {
    for (const contender of contenders) {
      await runClosedLoop({
        concurrency: CONCURRENCY,
        requests: requestsPerRound / 4,
        send: (i) => getOrPut(contender.client, i),
      });
    }
    for (let round = 0; round < OVERHEAD_ROUNDS; round++) {
      // Each contender takes each position in turn, so no one always runs first.
      for (let turn = 0; turn < contenders.length; turn++) {
        const contender = contenders[(round + turn) % contenders.length];
        const result = await runClosedLoop({
          concurrency: CONCURRENCY,
          requests: requestsPerRound,
          send: (i) => getOrPut(contender.client, i),
        });
        if (result.errors > 0) {
          throw new Error(`vector overhead: ${result.errors} requests failed`, {
            cause: result.firstError,
          });
        }
        contender.cpu.push(result.cpuMicrosPerRequest);
      }
      context.log(
        `vector overhead round ${round + 1}: CPU µs/request without ${round2(contenders[0])}, ` +
          `with ${round2(contenders[1])}, without again ${round2(contenders[2])}`,
      );
    }
  } finally {
    for (const contender of contenders) contender.client.destroy();
    await stubs.stop();
  }
  const [without, withMiddleware, withoutAgain] = contenders;
  const ratios = (ours: number[], reference: number[]) =>
    ours.map((value, i) => value / reference[i]);
  const noise = ratios(withoutAgain.cpu, without.cpu);
  const noiseRatio = median(noise);
  // Two standard deviations of one round's A'/A ratio, estimated robustly (1.4826 x MAD), so a
  // round disturbed by another process does not widen it.
  const spread = 1.4826 * median(noise.map((value) => Math.abs(value - noiseRatio)));
  return {
    ratio: round(median(ratios(withMiddleware.cpu, without.cpu)), 3),
    noiseRatio: round(noiseRatio, 3),
    noiseBand: round(2 * spread, 3),
  };
}

async function vectorClient(
  seedHost: string,
  port: number,
  withVectorMiddleware: boolean,
): Promise<AlternatorClient> {
  const client = await alternatorClientOf({ seedHosts: [seedHost], port });
  // The vector support is the client class's own `send`, which adds vector middleware to the
  // commands that need it; without it, this client's `send` is the SDK's again.
  if (!withVectorMiddleware) {
    Object.defineProperty(client, 'send', { value: Reflect.get(DynamoDBClient.prototype, 'send') });
  }
  return client;
}

function round2(contender: { cpu: number[] }): number {
  return round(contender.cpu.at(-1) ?? 0, 1);
}

/**
 * Nanoseconds the vector support adds to sending a request that carries no vector member: the
 * client's `send` looks the command's class up and, for a write, adds an error handler; the
 * middleware itself is only added to vector commands. Measured on GetItem and PutItem commands
 * handed to a `send` that returns at once, with and without the wrapper, taking turns; the
 * median difference.
 */
async function sendWrapperNanos(iterations: number): Promise<number> {
  const commands = Array.from({ length: 1000 }, (_, index) =>
    index % 2 === 0
      ? new GetItemCommand({ TableName: BENCH_TABLE, Key: { id: { S: `k${index}` } } })
      : new PutItemCommand({ TableName: BENCH_TABLE, Item: { id: { S: `k${index}` } } }),
  );
  const done = Promise.resolve({});
  class BareClient {
    send(_command: object): Promise<object> {
      return done;
    }
  }
  class VectorClient extends BareClient {}
  addVectorSupport(VectorClient);
  const bare = new BareClient();
  const wrapped = new VectorClient();
  const time = async (client: BareClient) => {
    const started = process.hrtime.bigint();
    for (let index = 0; index < iterations; index++) {
      await client.send(commands[index % commands.length]);
    }
    return Number(process.hrtime.bigint() - started) / iterations;
  };
  const differences: number[] = [];
  for (let turn = 0; turn < 3 * ROUNDS; turn++) {
    differences.push((await time(wrapped)) - (await time(bare)));
  }
  return round(median(differences), 0);
}
