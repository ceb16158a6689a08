import type { AlternatorLogger } from '../alternator-logger.js';

/** Looks a table's key schema up; the client sends `DescribeTable` through its own routing. */
export type DescribeKeySchema = (
  table: string,
  signal: AbortSignal,
) => Promise<ReadonlyArray<{ AttributeName?: string; KeyType?: string }> | undefined>;

const RETRIES = 3;
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 2000;
const PERMANENT_FAILURE_COOLDOWN_MS = 5 * 60 * 1000;
const PERMANENT_ERRORS = new Set([
  'ResourceNotFoundException',
  'AccessDeniedException',
  'ValidationException',
  'UnrecognizedClientException',
]);

/**
 * Partition-key names per table, for key affinity: from `tablePkMap`, or learned with a
 * background `DescribeTable`. A request never waits for it: the first request for an unknown
 * table is routed normally while at most one lookup per table runs. Transient failures are
 * retried with backoff; permanent ones (no such table, no permission) pause lookups of that table
 * for five minutes.
 */
export class PartitionKeyResolver {
  private readonly names: Map<string, string>;
  private readonly lookups = new Map<string, Promise<void>>();
  private readonly cooldownUntil = new Map<string, number>();
  private readonly stopping = new AbortController();

  constructor(
    preconfigured: Readonly<Record<string, string>>,
    private readonly describe: DescribeKeySchema,
    private readonly logger: AlternatorLogger,
  ) {
    this.names = new Map(Object.entries(preconfigured).filter(([table, pk]) => table && pk));
  }

  /** The table's partition-key name, or undefined (and a lookup starts) when not known yet. */
  partitionKeyOf(table: string): string | undefined {
    const name = this.names.get(table);
    if (name !== undefined) return name;
    if (!this.lookups.has(table) && !this.stopping.signal.aborted && !this.coolingDown(table)) {
      const lookup = this.lookUp(table).finally(() => this.lookups.delete(table));
      this.lookups.set(table, lookup);
    }
    return undefined;
  }

  /** Resolves once every lookup in flight has settled (for tests and orderly shutdown). */
  async settled(): Promise<void> {
    await Promise.all(this.lookups.values());
  }

  /** Cancels lookups in flight and starts no new ones. */
  stop(): void {
    this.stopping.abort();
  }

  private coolingDown(table: string): boolean {
    const until = this.cooldownUntil.get(table);
    if (until === undefined) return false;
    if (Date.now() < until) return true;
    this.cooldownUntil.delete(table);
    return false;
  }

  private async lookUp(table: string): Promise<void> {
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      if (attempt > 0) await this.backoff(attempt);
      if (this.stopping.signal.aborted) return;
      try {
        const schema = await this.describe(table, this.stopping.signal);
        const hashKey = schema?.find((element) => element.KeyType === 'HASH')?.AttributeName;
        if (hashKey === undefined) {
          this.failPermanently(table, 'its key schema has no HASH key');
        } else {
          this.names.set(table, hashKey);
          this.logger.debug?.(`Key affinity: table ${table} is keyed by ${hashKey}`);
        }
        return;
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        if (isPermanent(error)) {
          this.failPermanently(table, (error as Error).message);
          return;
        }
        if (attempt === RETRIES) {
          this.logger.warn(
            `Key affinity: could not look up the partition key of table ${table} (${(error as Error).message}); its writes are routed normally for now`,
          );
        }
      }
    }
  }

  private failPermanently(table: string, reason: string): void {
    this.cooldownUntil.set(table, Date.now() + PERMANENT_FAILURE_COOLDOWN_MS);
    this.logger.warn(
      `Key affinity: no partition key for table ${table} (${reason}); retrying in 5 minutes. Add it to keyAffinity.tablePkMap to skip the lookup`,
    );
  }

  private backoff(attempt: number): Promise<void> {
    const base = Math.min(FIRST_BACKOFF_MS * 2 ** (attempt - 1), MAX_BACKOFF_MS);
    const jittered = base * (0.8 + Math.random() * 0.4);
    const { signal } = this.stopping;
    return new Promise((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, jittered);
      timer.unref();
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function isPermanent(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const name = (error as Error).name;
  if (PERMANENT_ERRORS.has(name) || status === 403) return true;
  const unstructured = !name || name === 'Error';
  return status !== undefined && status >= 400 && status < 500 && status !== 429 && unstructured;
}
