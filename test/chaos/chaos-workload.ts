import {
  ConditionalCheckFailedException,
  GetItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { SeededRandom } from '../support/seeded-random.js';
import {
  CHAOS_TABLE,
  counterId,
  describeError,
  putItem,
  readBack,
  valueOf,
  valueText,
  type ReadBackReport,
} from './chaos-items.js';

/** How long, once the faults stop, a write whose outcome is still unknown may be re-sent. */
const SETTLE_MS = 5000;

type KnownOutcome = 'applied' | 'condition-failed';

/**
 * Mixed reads and writes from `workers` concurrent loops, with a ledger of what must hold at the
 * end. Idempotent requests (GetItem, unconditional PutItem of a unique id with a fixed value)
 * must never fail. Conditional writes (create-if-absent, version bumps) are re-sent until their
 * outcome is known: a ConditionalCheckFailed may mean that an earlier attempt, timed out on a
 * node that applied it anyway, won. Those are counted apart and settled by the stored value.
 */
export class ChaosWorkload {
  /** id -> the value that id must read back as at the end. */
  readonly expected = new Map<string, string>();
  readonly idempotentFailures: string[] = [];
  readonly wrongReads: string[] = [];
  readonly counterMismatches: string[] = [];
  readonly unresolvedWrites: string[] = [];
  requests = 0;
  conditionFailedAfterRetry = 0;
  conditionalErrors = 0;
  private readonly acknowledgedPuts: string[] = [];
  /** Each worker owns one counter, so a bump races only with its own earlier attempts. */
  private readonly counters: number[];
  private readonly pending: Array<() => Promise<void>> = [];
  private nextId = 0;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly random: SeededRandom,
    private readonly workers: number,
  ) {
    this.counters = Array.from({ length: workers }, () => 0);
  }

  /** Creates every worker's counter at version 0, before any fault. */
  async prepare(): Promise<void> {
    for (let worker = 0; worker < this.workers; worker++) {
      await this.counted(() => this.client.send(putItem(counterId(worker), { N: '0' })));
      this.expected.set(counterId(worker), '0');
    }
  }

  /** Runs every worker until `deadline`, or until `maxRequests` requests were sent in all. */
  async run(deadline: number, maxRequests: number): Promise<void> {
    const worker = async (index: number) => {
      while (Date.now() < deadline && this.requests < maxRequests) {
        const roll = this.random.next();
        if (roll < 0.35 || this.acknowledgedPuts.length === 0) await this.putUnique();
        else if (roll < 0.7) await this.getAcknowledged();
        else if (roll < 0.85 || Number.isNaN(this.counters[index])) {
          await this.createIfAbsent(deadline);
        } else await this.bumpCounter(index, deadline);
      }
    };
    await Promise.all(Array.from({ length: this.workers }, (_, index) => worker(index)));
  }

  /** Re-sends, on the healed cluster, every conditional write whose outcome is still unknown. */
  async settle(): Promise<void> {
    await Promise.all(this.pending.splice(0).map((settle) => settle()));
  }

  /** Reads every expected item back with ConsistentRead; lists the ids missing or wrong. */
  readBack(): Promise<ReadBackReport> {
    return readBack(this.client, this.expected);
  }

  private async putUnique(): Promise<void> {
    const id = `put-${this.nextId++}`;
    try {
      await this.counted(() => this.client.send(putItem(id, { S: valueOf(id) })));
    } catch (error) {
      this.idempotentFailures.push(`PutItem ${id}: ${describeError(error)}`);
      return;
    }
    this.expected.set(id, valueOf(id));
    this.acknowledgedPuts.push(id);
  }

  private async getAcknowledged(): Promise<void> {
    const id = this.random.pick(this.acknowledgedPuts);
    const read = await this.read(id, this.random.next() < 0.5);
    if (read && read.value !== valueOf(id)) {
      this.wrongReads.push(`${id}: acknowledged ${valueOf(id)}, read ${read.value ?? 'nothing'}`);
    }
  }

  private createIfAbsent(deadline: number): Promise<void> {
    const id = `create-${this.nextId++}`;
    const create = () => {
      const put = putItem(id, { S: valueOf(id) });
      put.input.ConditionExpression = 'attribute_not_exists(id)';
      return this.client.send(put);
    };
    // The id is new, so a failed condition means an earlier attempt of this request created it.
    return this.writeConditionally(id, create, deadline, () => {
      this.expected.set(id, valueOf(id));
    });
  }

  private bumpCounter(worker: number, deadline: number): Promise<void> {
    const id = counterId(worker);
    const current = this.counters[worker];
    const next = current + 1;
    // Until this bump is known to have landed, the worker leaves its counter alone.
    this.counters[worker] = Number.NaN;
    const bump = () =>
      this.client.send(
        new UpdateItemCommand({
          TableName: CHAOS_TABLE,
          Key: { id: { S: id } },
          UpdateExpression: 'SET #value = :next',
          ConditionExpression: '#value = :current',
          ExpressionAttributeNames: { '#value': 'value' },
          ExpressionAttributeValues: {
            ':next': { N: String(next) },
            ':current': { N: String(current) },
          },
        }),
      );
    return this.writeConditionally(id, bump, deadline, async (outcome) => {
      // Only this worker writes the counter, so a failed condition means the bump has landed.
      const read = outcome === 'applied' ? { value: String(next) } : await this.read(id, true);
      if (read === undefined) return;
      if (read.value === String(next)) {
        this.expected.set(id, read.value);
        this.counters[worker] = next;
      } else {
        this.counterMismatches.push(`${id}: bump ${current}->${next} failed, read ${read.value}`);
      }
    });
  }

  /**
   * Sends a conditional write until it succeeds or fails its condition; past `deadline` it is
   * left to {@link settle}, which re-sends it for up to SETTLE_MS more on the healed cluster.
   */
  private async writeConditionally(
    id: string,
    send: () => Promise<unknown>,
    deadline: number,
    onKnown: (outcome: KnownOutcome) => void | Promise<void>,
  ): Promise<void> {
    const outcome = await this.writeUntilKnown(send, deadline);
    if (outcome !== undefined) {
      await onKnown(outcome);
      return;
    }
    this.pending.push(async () => {
      const settled = await this.writeUntilKnown(send, Date.now() + SETTLE_MS);
      if (settled === undefined) this.unresolvedWrites.push(id);
      else await onKnown(settled);
    });
  }

  private async writeUntilKnown(
    send: () => Promise<unknown>,
    stopAt: number,
  ): Promise<KnownOutcome | undefined> {
    while (Date.now() < stopAt) {
      try {
        await this.counted(send);
        return 'applied';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          this.conditionFailedAfterRetry++;
          return 'condition-failed';
        }
        this.conditionalErrors++;
      }
    }
    return undefined;
  }

  /** A GetItem; undefined when the request failed (recorded as an idempotent failure). */
  private async read(id: string, consistent: boolean): Promise<{ value?: string } | undefined> {
    try {
      const { Item } = await this.counted(() =>
        this.client.send(
          new GetItemCommand({
            TableName: CHAOS_TABLE,
            Key: { id: { S: id } },
            ConsistentRead: consistent,
          }),
        ),
      );
      return { value: valueText(Item?.value) };
    } catch (error) {
      this.idempotentFailures.push(`GetItem ${id}: ${describeError(error)}`);
      return undefined;
    }
  }

  private counted<T>(request: () => Promise<T>): Promise<T> {
    this.requests++;
    return request();
  }
}
