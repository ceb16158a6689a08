import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { TLSSocket, type PeerCertificate } from 'node:tls';
import type {
  LocalClusterTlsOptions,
  LocalRequestLogEntry,
} from './local-cluster-options.interface.js';

/**
 * The server of one node run: plain HTTP, or HTTPS with the cluster's certificate. The request
 * timeout is off because a paused node must hold requests for as long as the test wants.
 */
export function createNodeServer(tls: LocalClusterTlsOptions | undefined): Server {
  if (tls === undefined) {
    return createHttpServer({ requestTimeout: 0 });
  }
  return createHttpsServer({
    requestTimeout: 0,
    cert: tls.certPem,
    key: tls.keyPem,
    ...(tls.caPem === undefined ? {} : { ca: tls.caPem }),
    requestCert: tls.requestClientCertificate ?? false,
    // A client without a valid certificate is still served; the request log tells them apart.
    rejectUnauthorized: false,
  });
}

/** What the request log records of a request's TLS connection (nothing for plain HTTP). */
export function tlsFactsOf(
  req: IncomingMessage,
): Pick<LocalRequestLogEntry, 'clientCertificate' | 'tlsSessionReused'> {
  const socket = req.socket;
  if (!(socket instanceof TLSSocket)) {
    return {};
  }
  const facts: Pick<LocalRequestLogEntry, 'clientCertificate' | 'tlsSessionReused'> = {
    tlsSessionReused: socket.isSessionReused(),
  };
  // A resumed session of a client that sent no certificate can still count as authorized.
  const peer: Partial<PeerCertificate> = socket.getPeerCertificate();
  const commonName = socket.authorized ? peer.subject?.CN : undefined;
  if (commonName !== undefined) {
    facts.clientCertificate = Array.isArray(commonName) ? commonName.join(',') : commonName;
  }
  return facts;
}
