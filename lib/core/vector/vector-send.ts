import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  PutItemCommand,
  QueryCommand,
  SearchVectorsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  PutCommand,
  QueryCommand as DocumentQueryCommand,
  SearchVectorsCommand as DocumentSearchVectorsCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { MetadataBearer, MiddlewareStack } from '@smithy/types';
import {
  VectorCreateTableCommand,
  VectorDescribeTableCommand,
  VectorQueryCommand,
  VectorUpdateTableCommand,
} from './vector-commands.js';
import { VectorDocumentQueryCommand } from './vector-document-commands.js';
import { explainVectorRefusal } from './vector-error-hints.js';
import { getVectorWirePlugin } from './vector-wire.middleware.js';

/** A client's `send`, with its overloads erased. */
export type SendFunction = (command: unknown, ...rest: unknown[]) => unknown;

interface SentCommand {
  readonly input: object;
  readonly middlewareStack: MiddlewareStack<object, MetadataBearer>;
}

/** The SDK command name of each command class (low-level, document, and the widened ones). */
const COMMAND_NAMES: ReadonlyArray<[abstract new (...args: never[]) => object, string]> = [
  [QueryCommand, 'QueryCommand'],
  [DocumentQueryCommand, 'QueryCommand'],
  [CreateTableCommand, 'CreateTableCommand'],
  [UpdateTableCommand, 'UpdateTableCommand'],
  [DescribeTableCommand, 'DescribeTableCommand'],
  [SearchVectorsCommand, 'SearchVectorsCommand'],
  [DocumentSearchVectorsCommand, 'SearchVectorsCommand'],
  [PutItemCommand, 'PutItemCommand'],
  [PutCommand, 'PutItemCommand'],
  [UpdateItemCommand, 'UpdateItemCommand'],
  [UpdateCommand, 'UpdateItemCommand'],
  [BatchWriteItemCommand, 'BatchWriteItemCommand'],
  [BatchWriteCommand, 'BatchWriteItemCommand'],
  [TransactWriteItemsCommand, 'TransactWriteItemsCommand'],
  [TransactWriteCommand, 'TransactWriteItemsCommand'],
  [VectorQueryCommand, 'QueryCommand'],
  [VectorDocumentQueryCommand, 'QueryCommand'],
  [VectorCreateTableCommand, 'CreateTableCommand'],
  [VectorUpdateTableCommand, 'UpdateTableCommand'],
  [VectorDescribeTableCommand, 'DescribeTableCommand'],
];

/**
 * Gives a client class vector support through its own `send` method, which prepares the command
 * (see {@link sendWithVectorSupport}) and hands it to the parent class's `send`. The method lives
 * on the class's prototype and looks the parent's `send` up at each call, never on an instance: a
 * stub installed later on either prototype (as aws-sdk-client-mock's `mockClient` does) is the
 * one called. Being a method, not middleware on the client's stack, spares other requests the
 * cost every middleware there adds to each of them.
 * @param prepare Called with each command before it is sent, after the vector support's own
 * preparation.
 */
export function addVectorSupport<Client extends object>(
  clientClass: abstract new (...args: never[]) => Client,
  prepare?: (client: Client, command: unknown) => void,
): void {
  const parent = Object.getPrototypeOf(clientClass.prototype) as { send: SendFunction };
  function send(this: Client, command: unknown, ...rest: unknown[]): unknown {
    prepare?.(this, command);
    return sendWithVectorSupport(command, () => parent.send.call(this, command, ...rest));
  }
  Object.defineProperty(clientClass.prototype, 'send', {
    value: send,
    writable: true,
    configurable: true,
  });
}

/**
 * Sends a command for vector search, at no cost to other requests:
 * - a command that may carry ScyllaDB's vector members, or whose response may (vector `Query`,
 *   `CreateTable`, `UpdateTable`, `DescribeTable`), gets the vector wire middleware on its own
 *   stack;
 * - a command that may carry a vector has its failure explained when the server lacks the API it
 *   needs (`VectorSearchUnsupportedError`).
 * Any other command is sent as it is, after a few map lookups.
 */
export function sendWithVectorSupport(command: unknown, send: () => unknown): unknown {
  const commandName = commandNameOf(command);
  if (commandName === undefined) return send();
  const { input, middlewareStack } = command as SentCommand;
  if (needsWireMiddleware(commandName, input)) middlewareStack.use(getVectorWirePlugin());
  const sent = send();
  if (!(sent instanceof Promise)) return sent;
  return sent.catch((error: unknown) => {
    throw explainVectorRefusal(error, { commandName, input });
  });
}

const COMMAND_NAME_BY_CLASS = new Map<unknown, string>(COMMAND_NAMES);

/**
 * A map lookup per class along the prototype chain, so a user's subclass of a command is
 * recognised, and an unrelated command (most of them) costs a few lookups, not a scan.
 */
function commandNameOf(command: unknown): string | undefined {
  if (typeof command !== 'object' || command === null) return undefined;
  for (
    let proto: unknown = Object.getPrototypeOf(command);
    proto;
    proto = Object.getPrototypeOf(proto)
  ) {
    const name = COMMAND_NAME_BY_CLASS.get((proto as { constructor: unknown }).constructor);
    if (name !== undefined) return name;
  }
  return undefined;
}

function needsWireMiddleware(commandName: string, input: object): boolean {
  switch (commandName) {
    case 'QueryCommand':
      return (input as { VectorSearch?: unknown }).VectorSearch !== undefined;
    case 'CreateTableCommand':
    case 'UpdateTableCommand':
    case 'DescribeTableCommand':
      return true;
    default:
      return false;
  }
}
