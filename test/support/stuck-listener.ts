import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A TCP listener nobody accepts from: connecting to it times out. */
export interface StuckListener {
  hostname: string;
  port: number;
  /** Kills the listener's process and closes the connections that filled its queue. */
  stop(): void;
}

/**
 * Listens on `hostname`:`port` (0 picks a port) in a child process that is then stopped, and
 * fills its accept queue: the kernel drops further connection attempts, so connecting times out,
 * as with an overloaded node or a firewall that drops packets. Linux semantics.
 */
export async function startStuckListener(hostname = '127.0.0.1', port = 0): Promise<StuckListener> {
  const script =
    "const s = require('node:net').createServer().listen(" +
    '{ host: process.argv[1], port: Number(process.argv[2]), backlog: 1 }, () => {' +
    " process.stdout.write(String(s.address().port)); process.kill(process.pid, 'SIGSTOP'); });";
  const child: ChildProcess = spawn(process.execPath, ['-e', script, hostname, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const boundPort = Number(String(chunk));
  const fillers: Socket[] = [];
  const stop = () => {
    child.kill('SIGKILL');
    for (const socket of fillers) socket.destroy();
  };
  // Connect until an attempt hangs: the queue is then full.
  for (let connected = true; connected && fillers.length < 16;) {
    const socket = connect({ host: hostname, port: boundPort });
    socket.on('error', () => undefined);
    fillers.push(socket);
    connected = await Promise.race([
      once(socket, 'connect').then(() => true),
      sleep(300).then(() => false),
    ]);
  }
  return { hostname, port: boundPort, stop };
}
