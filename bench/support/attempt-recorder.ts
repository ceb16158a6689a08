import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HttpRequest } from '@smithy/protocol-http';
import type { FinalizeHandler, FinalizeHandlerArguments, MetadataBearer } from '@smithy/types';
import { performance } from 'node:perf_hooks';

/** One attempt as it left the client: the node it went to and when (`performance.now()`). */
export interface RecordedAttempt {
  host: string;
  at: number;
}

/**
 * Records every attempt right after signing, where its node is final, in any `DynamoDBClient`:
 * what a user's tracing middleware would see. Works the same for a plain client and ours, and
 * sees attempts that a dead node refused, which its own request log never does.
 */
export function recordAttempts(client: DynamoDBClient): RecordedAttempt[] {
  const attempts: RecordedAttempt[] = [];
  client.middlewareStack.addRelativeTo(
    (next: FinalizeHandler<object, MetadataBearer>) => (args: FinalizeHandlerArguments<object>) => {
      if (HttpRequest.isInstance(args.request)) {
        attempts.push({ host: args.request.hostname, at: performance.now() });
      }
      return next(args);
    },
    { name: 'benchAttemptRecorder', relation: 'after', toMiddleware: 'httpSigningMiddleware' },
  );
  return attempts;
}
