import { describe, expect, it } from '@jest/globals';
import { PartitionKeyResolver, type DescribeKeySchema } from './partition-key-resolver.js';

const quietLogger = { log: () => {}, warn: () => {}, error: () => {} };

function serviceError(name: string, httpStatusCode: number): Error {
  return Object.assign(new Error(`${name} from the server`), {
    name,
    $metadata: { httpStatusCode },
  });
}

/** A DescribeTable stand-in that answers from a script and counts calls per table. */
function scriptedDescribe(answers: Array<() => Promise<unknown>>): {
  describe: DescribeKeySchema;
  calls: () => number;
} {
  let calls = 0;
  const describe: DescribeKeySchema = () => {
    const answer = answers[Math.min(calls, answers.length - 1)];
    calls++;
    return answer() as ReturnType<DescribeKeySchema>;
  };
  return { describe, calls: () => calls };
}

const hashKey = () => Promise.resolve([{ AttributeName: 'pk', KeyType: 'HASH' }]);

describe('PartitionKeyResolver', () => {
  it('answers preconfigured tables at once, without a lookup', () => {
    const { describe, calls } = scriptedDescribe([hashKey]);
    const resolver = new PartitionKeyResolver({ orders: 'orderId' }, describe, quietLogger);
    expect(resolver.partitionKeyOf('orders')).toBe('orderId');
    expect(calls()).toBe(0);
  });

  it('routes the first request normally and runs one lookup per table however many ask', async () => {
    const { describe, calls } = scriptedDescribe([hashKey]);
    const resolver = new PartitionKeyResolver({}, describe, quietLogger);
    expect(resolver.partitionKeyOf('t')).toBeUndefined();
    expect(resolver.partitionKeyOf('t')).toBeUndefined();
    await resolver.settled();
    expect(resolver.partitionKeyOf('t')).toBe('pk');
    expect(calls()).toBe(1);
  });

  it('retries transient failures with backoff, at most three times', async () => {
    const throttled = () => Promise.reject(serviceError('ThrottlingException', 400));
    const { describe, calls } = scriptedDescribe([throttled, throttled, hashKey]);
    const resolver = new PartitionKeyResolver({}, describe, quietLogger);
    resolver.partitionKeyOf('t');
    await resolver.settled();
    expect(resolver.partitionKeyOf('t')).toBe('pk');
    expect(calls()).toBe(3);

    const alwaysDown = scriptedDescribe([() => Promise.reject(new Error('ECONNRESET'))]);
    const unlucky = new PartitionKeyResolver({}, alwaysDown.describe, quietLogger);
    unlucky.partitionKeyOf('t');
    await unlucky.settled();
    expect(alwaysDown.calls()).toBe(4);
    unlucky.partitionKeyOf('t');
    await unlucky.settled();
    expect(alwaysDown.calls()).toBe(8);
  });

  it('stops asking about a table that does not exist, and says what to configure', async () => {
    const warnings: string[] = [];
    const missing = () => Promise.reject(serviceError('ResourceNotFoundException', 400));
    const { describe, calls } = scriptedDescribe([missing]);
    const resolver = new PartitionKeyResolver({}, describe, {
      ...quietLogger,
      warn: (message) => warnings.push(message),
    });
    resolver.partitionKeyOf('ghost');
    await resolver.settled();
    resolver.partitionKeyOf('ghost');
    await resolver.settled();
    expect(calls()).toBe(1);
    expect(warnings.join('\n')).toContain('keyAffinity.tablePkMap');
  });

  it('starts no lookup after stop()', async () => {
    const { describe, calls } = scriptedDescribe([hashKey]);
    const resolver = new PartitionKeyResolver({}, describe, quietLogger);
    resolver.stop();
    resolver.partitionKeyOf('t');
    await resolver.settled();
    expect(calls()).toBe(0);
  });
});
