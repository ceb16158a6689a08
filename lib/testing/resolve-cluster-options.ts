import { isIPv4 } from 'node:net';
import type {
  LocalAlternatorClusterOptions,
  LocalClusterCredentials,
  LocalClusterTlsOptions,
  LocalNodeCapacity,
  LocalNodeSpec,
} from './local-cluster-options.interface.js';
import { resolveVectorOptions } from './vector/resolve-vector-options.js';
import type { VectorEmulationOptions } from './vector/vector-request-interceptor.js';

export const DEFAULT_DATACENTER = 'dc1';
export const DEFAULT_RACK = 'rack1';
const DEFAULT_NODE_COUNT = 3;
const DEFAULT_FIRST_ADDRESS = '127.0.0.1';

/** Options with every default applied and every value checked. */
export interface ResolvedClusterOptions {
  nodes: Array<Required<LocalNodeSpec>>;
  port: number;
  auth: LocalClusterCredentials | undefined;
  firstAddress: string;
  capacity: LocalNodeCapacity | undefined;
  tls: LocalClusterTlsOptions | undefined;
  vector: VectorEmulationOptions;
}

export function resolveClusterOptions(
  options: LocalAlternatorClusterOptions = {},
): ResolvedClusterOptions {
  const specs = resolveNodes(options.nodes ?? DEFAULT_NODE_COUNT);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`LocalAlternatorCluster: 'port' must be an integer 0-65535, got ${port}`);
  }
  const firstAddress = options.firstAddress ?? DEFAULT_FIRST_ADDRESS;
  loopbackAddress(firstAddress, specs.length - 1);
  const { auth, capacity } = options;
  if (auth !== undefined && (!auth.accessKeyId || !auth.secretAccessKey)) {
    throw new TypeError(
      "LocalAlternatorCluster: 'auth' needs a non-empty accessKeyId and secretAccessKey",
    );
  }
  if (
    capacity !== undefined &&
    (!Number.isInteger(capacity.maxConcurrent) ||
      capacity.maxConcurrent < 1 ||
      !Number.isFinite(capacity.serviceTimeMs) ||
      capacity.serviceTimeMs < 0)
  ) {
    throw new TypeError(
      "LocalAlternatorCluster: 'capacity' needs an integer maxConcurrent >= 1 and a " +
        'serviceTimeMs >= 0',
    );
  }
  return {
    nodes: specs,
    port,
    auth,
    firstAddress,
    capacity,
    tls: checkTls(options.tls),
    vector: resolveVectorOptions(options),
  };
}

function checkTls(tls: LocalClusterTlsOptions | undefined): LocalClusterTlsOptions | undefined {
  if (tls === undefined) {
    return undefined;
  }
  const isPem = (value: unknown) => typeof value === 'string' && value.includes('-----BEGIN ');
  if (!isPem(tls.certPem) || !isPem(tls.keyPem)) {
    throw new TypeError(
      "LocalAlternatorCluster: 'tls' needs certPem and keyPem as PEM text (file contents, not paths)",
    );
  }
  if (tls.requestClientCertificate === true && !isPem(tls.caPem)) {
    throw new TypeError(
      "LocalAlternatorCluster: 'tls.requestClientCertificate' needs 'tls.caPem', the PEM of the " +
        'authority client certificates chain to',
    );
  }
  return { ...tls };
}

export function resolveNodeSpec(
  spec: LocalNodeSpec = {},
  current: Required<LocalNodeSpec> = { datacenter: DEFAULT_DATACENTER, rack: DEFAULT_RACK },
): Required<LocalNodeSpec> {
  const datacenter = spec.datacenter ?? current.datacenter;
  const rack = spec.rack ?? current.rack;
  if (datacenter === '' || rack === '') {
    throw new TypeError('LocalAlternatorCluster: a node datacenter or rack cannot be empty');
  }
  return { datacenter, rack };
}

/**
 * The address `offset` places after `first`; every node address must stay in 127.0.0.0/8,
 * where Linux binds any address without setup.
 */
export function loopbackAddress(first: string, offset: number): string {
  if (!isIPv4(first) || !first.startsWith('127.')) {
    throw new TypeError(
      `LocalAlternatorCluster: 'firstAddress' must be an IPv4 loopback address such as ` +
        `127.0.0.1, got '${first}'`,
    );
  }
  const value = first.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0) + offset;
  if (value >= 128 * 2 ** 24) {
    throw new RangeError(
      `LocalAlternatorCluster: node ${offset} would leave 127.0.0.0/8; use a lower 'firstAddress'`,
    );
  }
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function resolveNodes(nodes: number | LocalNodeSpec[]): Array<Required<LocalNodeSpec>> {
  if (Array.isArray(nodes)) {
    if (nodes.length === 0) {
      throw new TypeError("LocalAlternatorCluster: 'nodes' needs at least one node spec");
    }
    return nodes.map((spec) => resolveNodeSpec(spec));
  }
  if (!Number.isInteger(nodes) || nodes < 1) {
    throw new TypeError(`LocalAlternatorCluster: 'nodes' must be an integer >= 1, got ${nodes}`);
  }
  return Array.from({ length: nodes }, () => resolveNodeSpec());
}
