import { randomBytes } from 'node:crypto';
import { Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LocalAlternatorCluster } from '../lib/testing/index.js';

/**
 * Lets `npm start` run without ScyllaDB: when `ALTERNATOR_SEEDS` is unset, it starts an in-process
 * 3-node cluster over 2 racks that enforces SigV4, and points the `ALTERNATOR_*` variables at it.
 * With `ALTERNATOR_SEEDS` set, it does nothing and the app talks to that cluster.
 */
export class EmbeddedCluster implements OnApplicationShutdown {
  private static readonly logger = new Logger('EmbeddedCluster');

  private constructor(
    private readonly cluster: LocalAlternatorCluster | undefined,
    private readonly previousEnv: Record<string, string | undefined>,
  ) {}

  static async startUnlessConfigured(config: ConfigService): Promise<EmbeddedCluster> {
    if (config.get<string>('ALTERNATOR_SEEDS')) return new EmbeddedCluster(undefined, {});
    const credentials = {
      accessKeyId: 'sample',
      secretAccessKey: randomBytes(24).toString('base64url'),
    };
    const cluster = await LocalAlternatorCluster.start({
      nodes: [{ rack: 'rack1' }, { rack: 'rack1' }, { rack: 'rack2' }],
      auth: credentials,
    });
    const env: Record<string, string> = {
      ALTERNATOR_SEEDS: cluster.seedHosts.join(','),
      ALTERNATOR_PORT: String(cluster.port),
      ALTERNATOR_ACCESS_KEY_ID: credentials.accessKeyId,
      ALTERNATOR_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    };
    const previousEnv = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
    Object.assign(process.env, env);
    EmbeddedCluster.logger.log(
      `ALTERNATOR_SEEDS is unset: started an embedded cluster on ${env.ALTERNATOR_SEEDS} port ` +
        `${env.ALTERNATOR_PORT} (dc1: rack1 x2, rack2 x1, SigV4 enforced)`,
    );
    return new EmbeddedCluster(cluster, previousEnv);
  }

  /** True when this process serves the cluster itself. */
  get isRunning(): boolean {
    return this.cluster !== undefined;
  }

  /** Runs after the Alternator client closed its sockets: its module depends on this one. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.cluster) return;
    await this.cluster.stop();
    for (const [key, value] of Object.entries(this.previousEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Provides the started {@link EmbeddedCluster}, for the Alternator options factory to wait on. */
@Module({
  providers: [
    {
      provide: EmbeddedCluster,
      useFactory: (config: ConfigService) => EmbeddedCluster.startUnlessConfigured(config),
      inject: [ConfigService],
    },
  ],
  exports: [EmbeddedCluster],
})
export class EmbeddedClusterModule {}
