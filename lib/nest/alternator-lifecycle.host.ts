import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AlternatorClient } from '../core/index.js';
import { ALTERNATOR_LOGGER_CONTEXT } from './alternator.constants.js';
import { lifecycleStepFailedMessage } from './alternator.messages.js';

/**
 * Ties one cluster's background work to the application lifecycle, as @nestjs/schedule does for
 * its timers: nothing runs between `compile()` and `init()`, and nothing survives `close()`.
 * One instance per registered cluster; not exported.
 */
export class AlternatorLifecycleHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(ALTERNATOR_LOGGER_CONTEXT);

  constructor(
    private readonly client: AlternatorClient,
    private readonly clusterName: string,
  ) {}

  /** Starts node refresh and health probes once the application is ready to serve. */
  onApplicationBootstrap(): void {
    this.client.cluster.start();
  }

  /** Stops refresh and probes before the HTTP server drains, so no discovery races the shutdown. */
  beforeApplicationShutdown(): void {
    this.attempt('stopping node refresh', () => this.client.cluster.stop());
  }

  /** Closes the sockets once in-flight requests are done; the document client shares them. */
  onApplicationShutdown(): void {
    this.attempt('closing the client', () => this.client.destroy());
  }

  /** Nest 11 aborts the remaining teardown hooks when one throws, so shutdown steps only log. */
  private attempt(step: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      this.logger.error(lifecycleStepFailedMessage(this.clusterName, step, error));
    }
  }
}
