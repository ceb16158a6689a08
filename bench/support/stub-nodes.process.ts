import { serveRpc } from './child-process-rpc.js';
import { startStubNodes, type StubNodes } from './stub-nodes.js';

/** Child process entry: stub nodes served from their own process and core. */
let nodes: StubNodes | undefined;

serveRpc({
  start: async (count: number) => {
    nodes = await startStubNodes(count);
    return { seedHosts: nodes.seedHosts, port: nodes.port };
  },
  requestCounts: () => nodes?.requestCounts() ?? [],
  stop: async () => {
    await nodes?.stop();
    nodes = undefined;
  },
});
