import { describe, expect, it } from '@jest/globals';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { resolveAlternatorConfig } from '../config/alternator-config.js';
import { ConnectionPool } from './connection-pool.js';

describe('ConnectionPool', () => {
  it('caps the response headers of every request its agents carry, whatever the process allows', () => {
    const pool = new ConnectionPool(resolveAlternatorConfig({ seedHosts: ['127.0.0.1'], port: 9 }));
    try {
      for (const [send, agent] of [
        [httpRequest, pool.httpAgent],
        [httpsRequest, pool.httpsAgent],
      ] as const) {
        // Never connects: the agent is handed the request at once, the socket comes later.
        const req = send({ host: '127.0.0.1', port: 9, agent });
        req.on('error', () => undefined);
        expect((req as ClientRequest & { maxHeaderSize?: number }).maxHeaderSize).toBe(16384);
        req.destroy();
      }
    } finally {
      pool.destroy();
    }
  });
});
