import { fork, type ChildProcess } from 'node:child_process';

/** A call from the parent: method name and JSON arguments. */
interface RpcRequest {
  id: number;
  method: string;
  args: unknown[];
}

/** The child's answer to one call. */
interface RpcReply {
  id: number;
  result?: unknown;
  error?: string;
}

export type RpcHandlers = Record<string, (...args: never[]) => unknown>;

/**
 * The parent's handle on a benchmark helper process. Servers live in their own process so that
 * their CPU time is not charged to the client being measured, and each side gets its own core.
 */
export class ChildProcessRpc {
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();

  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (message: RpcReply) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
    child.on('exit', (code) => {
      for (const waiter of this.pending.values()) {
        waiter.reject(new Error(`benchmark helper process exited with code ${code}`));
      }
      this.pending.clear();
    });
  }

  /**
   * Forks `module` (a compiled .js file) with only `execArgv` as Node flags: the parent's
   * profiler or inspector flags are not passed on.
   */
  static start(module: URL, execArgv: string[] = []): ChildProcessRpc {
    return new ChildProcessRpc(fork(module, [], { execArgv, stdio: 'inherit' }));
  }

  call<T>(method: string, ...args: unknown[]): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (!this.child.connected) {
        this.pending.delete(id);
        reject(new Error(`benchmark helper process is gone (calling ${method})`));
        return;
      }
      this.child.send({ id, method, args } satisfies RpcRequest);
    });
  }

  /** Asks the child to clean up, then waits for it to exit. Safe after the child died. */
  async stop(): Promise<void> {
    if (this.child.connected) {
      await this.call('stop').catch(() => undefined);
      this.child.disconnect();
    }
    await this.exited;
  }
}

/**
 * Child side: answers the parent's calls with `handlers`; `stop` must release everything. The
 * child exits when the parent goes away, so a crashed benchmark leaves no server behind.
 */
export function serveRpc(handlers: RpcHandlers & { stop: () => unknown }): void {
  process.once('disconnect', () => process.exit());
  process.on('message', (message: RpcRequest) => {
    const handler = handlers[message.method] as ((...args: unknown[]) => unknown) | undefined;
    const reply = (answer: Omit<RpcReply, 'id'>) => process.send?.({ id: message.id, ...answer });
    if (!handler) {
      reply({ error: `unknown method ${message.method}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(...message.args))
      .then(
        (result) => reply({ result }),
        (error: unknown) =>
          reply({ error: error instanceof Error ? error.message : String(error) }),
      );
  });
}
