import { CreateTableCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HttpRequest } from '@smithy/protocol-http';
import type {
  FinalizeHandler,
  FinalizeHandlerArguments,
  HandlerExecutionContext,
  MetadataBearer,
  ResponseMetadata,
} from '@smithy/types';
import type { AlternatorLogger } from '../../lib/core/alternator-logger.js';
import type { AlternatorClient } from '../../lib/core/alternator-client.js';
import { ROUTING_MIDDLEWARE_NAME } from '../../lib/core/middleware/routing.middleware.js';

/** The role and salted hash the local cluster enforces, as a real cluster's CQL role would. */
export const TEST_CREDENTIALS = {
  accessKeyId: 'alternator',
  secretAccessKey: 'salted-hash-for-tests',
};

export interface CapturedLogger extends AlternatorLogger {
  readonly lines: Array<{ level: 'log' | 'warn' | 'error' | 'debug'; message: string }>;
  warnings(): string[];
}

/** A logger that keeps what the client says, so tests can check what an operator would read. */
export function captureLogger(): CapturedLogger {
  const lines: CapturedLogger['lines'] = [];
  return {
    lines,
    log: (message) => lines.push({ level: 'log', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
    debug: (message) => lines.push({ level: 'debug', message }),
    warnings: () => lines.filter((line) => line.level === 'warn').map((line) => line.message),
  };
}

export interface RecordedAttempt {
  requestId: number;
  host: string;
  at: number;
}

/**
 * Records the node every attempt is sent to, from a middleware placed right after routing: what
 * a user's own tracing middleware would see.
 */
export function recordAttempts(client: AlternatorClient): RecordedAttempt[] {
  const attempts: RecordedAttempt[] = [];
  const ids = new WeakMap<object, number>();
  let nextId = 0;
  client.middlewareStack.addRelativeTo(
    (next: FinalizeHandler<object, MetadataBearer>, context: HandlerExecutionContext) =>
      (args: FinalizeHandlerArguments<object>) => {
        if (!ids.has(context)) ids.set(context, nextId++);
        if (HttpRequest.isInstance(args.request)) {
          attempts.push({
            requestId: ids.get(context)!,
            host: args.request.hostname,
            at: Date.now(),
          });
        }
        return next(args);
      },
    { name: 'testAttemptRecorder', relation: 'after', toMiddleware: ROUTING_MIDDLEWARE_NAME },
  );
  return attempts;
}

/** The hosts each request's attempts went to, in order, by request id (see recordAttempts). */
export function hostsByRequest(attempts: readonly RecordedAttempt[]): Map<number, string[]> {
  const hosts = new Map<number, string[]>();
  for (const { requestId, host } of attempts) {
    hosts.set(requestId, [...(hosts.get(requestId) ?? []), host]);
  }
  return hosts;
}

export async function createItemsTable(client: DynamoDBClient, tableName = 'items'): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    // Tests with a short requestTimeoutMs on a loaded machine: an attempt that timed out may
    // have created the table, and the SDK's retry then finds it there.
    if ((error as Error).name !== 'ResourceInUseException') throw error;
  }
}

/**
 * Puts items `${prefix}0`, `${prefix}1`, ... into `items`, each after the last has answered, and
 * returns every answer's metadata in order: entry i belongs to request i of recordAttempts when
 * recording started just before.
 */
export async function putOneAtATime(
  client: DynamoDBClient,
  count: number,
  prefix: string,
): Promise<ResponseMetadata[]> {
  const metadata: ResponseMetadata[] = [];
  for (let i = 0; i < count; i++) {
    const output = await client.send(
      new PutItemCommand({ TableName: 'items', Item: { id: { S: `${prefix}${i}` } } }),
    );
    metadata.push(output.$metadata);
  }
  return metadata;
}

/** Runs `count` tasks with at most `concurrency` at a time; returns each task's error, if any. */
export async function runConcurrently(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<unknown[]> {
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      try {
        await task(index);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return errors;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `condition` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
