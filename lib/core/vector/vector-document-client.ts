import { DynamoDBDocumentClientCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MetadataBearer, MiddlewareStack } from '@smithy/types';
import { documentVectorPlugin } from './vector-document.middleware.js';
import { VectorDocumentQueryCommand } from './vector-document-commands.js';
import { VectorEncoding, type AlternatorDocumentClientOptions } from './vector-encoding.js';
import { vectorAwareSend, type SendFunction } from './vector-send.js';

/**
 * Gives a document client vector support. It shares the low-level client's middleware stack, and
 * lib-dynamodb's marshalling middleware lives on each document command's own stack, so the
 * `Float32Array` middleware is added to each document command as it is sent, and the vector
 * wire middleware to those that need it. Low-level commands sent through the document client
 * get what they would get from the `AlternatorClient`.
 */
export function addDocumentVectorSupport(
  documents: DynamoDBDocumentClient,
  options: AlternatorDocumentClientOptions,
): DynamoDBDocumentClient {
  const plugin = documentVectorPlugin(options.vectorEncoding ?? VectorEncoding.NUMBER_LIST);
  const send = vectorAwareSend(documents.send.bind(documents) as SendFunction);
  documents.send = ((command: unknown, ...rest: unknown[]) => {
    if (
      command instanceof DynamoDBDocumentClientCommand ||
      command instanceof VectorDocumentQueryCommand
    ) {
      (command.middlewareStack as MiddlewareStack<object, MetadataBearer>).use(plugin);
    }
    return send(command, ...rest);
  }) as DynamoDBDocumentClient['send'];
  return documents;
}
