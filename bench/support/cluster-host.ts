import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { LocalAlternatorClusterOptions, LocalNodeCapacity } from '../../lib/testing/index.js';
import { BENCH_TABLE, plainClient } from './bench-clients.js';
import { ChildProcessRpc } from './child-process-rpc.js';

/** A LocalAlternatorCluster running in a child process, driven from the benchmark. */
export class ClusterHost {
  private constructor(
    private readonly rpc: ChildProcessRpc,
    readonly seedHosts: string[],
    readonly port: number,
  ) {}

  /** Starts the cluster and creates the benchmark table through node 0. */
  static async start(options: LocalAlternatorClusterOptions): Promise<ClusterHost> {
    const rpc = ChildProcessRpc.start(new URL('./local-cluster.process.js', import.meta.url));
    const { seedHosts, port } = await rpc
      .call<{ seedHosts: string[]; port: number }>('start', options)
      .catch(async (error: unknown) => {
        await rpc.stop();
        throw error;
      });
    const host = new ClusterHost(rpc, seedHosts, port);
    const client = plainClient(host.endpoint(0));
    try {
      await client.send(
        new CreateTableCommand({
          TableName: BENCH_TABLE,
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    } catch (error) {
      await rpc.stop();
      throw error;
    } finally {
      client.destroy();
    }
    return host;
  }

  endpoint(index: number): string {
    return `http://${this.seedHosts[index]}:${this.port}`;
  }

  kill(index: number): Promise<void> {
    return this.rpc.call('kill', index);
  }

  restart(index: number): Promise<void> {
    return this.rpc.call('restart', index);
  }

  /** Gives node `index` its own capacity; undefined returns it to the cluster-wide one. */
  setCapacity(index: number, capacity: LocalNodeCapacity | undefined): Promise<void> {
    // JSON has no undefined: null stands for it on the wire.
    return this.rpc.call('setCapacity', index, capacity ?? null);
  }

  requestCounts(): Promise<number[]> {
    return this.rpc.call('requestCounts');
  }

  resetCounts(): Promise<void> {
    return this.rpc.call('resetCounts');
  }

  /** Arrival times (epoch ms) of the API requests node `index` received. */
  requestTimes(index: number): Promise<number[]> {
    return this.rpc.call('requestTimes', index);
  }

  stop(): Promise<void> {
    return this.rpc.stop();
  }
}
