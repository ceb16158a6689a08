import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAlternatorClient } from '../../lib/core/alternator-client.js';
import { BENCH_CREDENTIALS, getOrPut, plainClient, quietLogger } from './bench-clients.js';
import { serveRpc } from './child-process-rpc.js';
import { runClosedLoop } from './closed-loop.js';

/**
 * Child process entry for the memory benchmark: one client per process, so the process's RSS is
 * that client's. Started with --expose-gc so every sample is taken after a full collection.
 */
let client: DynamoDBClient | undefined;

const MB = 1024 * 1024;

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the memory workload must run with --expose-gc');
  gc();
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

serveRpc({
  start: async (kind: 'alternator' | 'plain', seedHosts: string[], port: number) => {
    client =
      kind === 'plain'
        ? plainClient(`http://${seedHosts[0]}:${port}`)
        : await createAlternatorClient({
            seedHosts: [seedHosts[0]],
            port,
            credentials: BENCH_CREDENTIALS,
            logger: quietLogger(),
          });
  },
  /** Sends `requests` requests, then reports memory after a full collection. */
  run: async (requests: number, concurrency: number) => {
    const active = client;
    if (!active) throw new Error('call start first');
    const result = await runClosedLoop({ concurrency, requests, send: (i) => getOrPut(active, i) });
    if (result.errors > 0) throw new Error(`${result.errors} requests failed`);
    collectGarbage();
    const usage = process.memoryUsage();
    return { rssMb: usage.rss / MB, heapUsedMb: usage.heapUsed / MB };
  },
  stop: () => {
    client?.destroy();
    client = undefined;
  },
});
