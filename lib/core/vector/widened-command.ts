import { Command } from '@smithy/core/client';
import type { Handler, HttpHandlerOptions, MetadataBearer, MiddlewareStack } from '@smithy/types';

/**
 * A standard command under wider types. It runs the standard command with the same input
 * object, so the request goes through the client's middleware (routing, compression, SigV4, the
 * vector middleware) exactly as the standard command would.
 */
export abstract class WidenedCommand<
  Input extends ClientInput,
  Output extends ClientOutput,
  ClientConfig,
  ClientInput extends object,
  ClientOutput extends MetadataBearer,
> extends Command<Input, Output, ClientConfig, ClientInput, ClientOutput> {
  override readonly middlewareStack: MiddlewareStack<Input, Output>;

  protected constructor(
    readonly input: Input,
    private readonly standard: Command<
      ClientInput,
      ClientOutput,
      ClientConfig,
      ClientInput,
      ClientOutput
    >,
  ) {
    super();
    // Middleware a caller adds to this command lands on the command that runs.
    this.middlewareStack = standard.middlewareStack as unknown as MiddlewareStack<Input, Output>;
  }

  resolveMiddleware(
    clientStack: MiddlewareStack<ClientInput, ClientOutput>,
    configuration: ClientConfig,
    options?: HttpHandlerOptions,
  ): Handler<Input, Output> {
    const handler = this.standard.resolveMiddleware(clientStack, configuration, options);
    return handler as unknown as Handler<Input, Output>;
  }
}
