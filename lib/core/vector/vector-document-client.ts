import {
  DynamoDBDocumentClient,
  DynamoDBDocumentClientCommand,
  type TranslateConfig,
} from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { MetadataBearer, MiddlewareStack, Pluggable } from '@smithy/types';
import { getDocumentVectorPlugin } from './vector-document.middleware.js';
import { VectorDocumentQueryCommand } from './vector-document-commands.js';
import { VectorEncoding, type AlternatorDocumentClientOptions } from './vector-encoding.js';
import { addVectorSupport } from './vector-send.js';

/**
 * A document client with vector support. It shares the low-level client's middleware stack, and
 * lib-dynamodb's marshalling middleware lives on each document command's own stack, so the
 * `Float32Array` middleware is added to each document command as it is sent, and the vector
 * wire middleware to those that need it. Low-level commands sent through it get what they would
 * get from the `AlternatorClient`.
 */
export class VectorAwareDocumentClient extends DynamoDBDocumentClient {
  /** The `Float32Array` middleware, in this client's encoding. */
  readonly vectorPlugin: Pluggable<object, MetadataBearer>;

  constructor(
    client: DynamoDBClient,
    translateConfig: TranslateConfig | undefined,
    options: AlternatorDocumentClientOptions,
  ) {
    super(client, translateConfig);
    this.vectorPlugin = getDocumentVectorPlugin({
      encoding: options.vectorEncoding ?? VectorEncoding.NUMBER_LIST,
    });
  }
}

addVectorSupport(VectorAwareDocumentClient, (client, command) => {
  if (
    command instanceof DynamoDBDocumentClientCommand ||
    command instanceof VectorDocumentQueryCommand
  ) {
    (command.middlewareStack as MiddlewareStack<object, MetadataBearer>).use(client.vectorPlugin);
  }
});
