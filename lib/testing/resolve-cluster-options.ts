import { isIPv4 } from 'node:net';
import type {
  LocalAlternatorClusterOptions,
  LocalClusterCredentials,
  LocalClusterTlsOptions,
  LocalNodeCapacity,
  LocalNodeSpec,
} from './local-cluster-options.interface.js';
import { refuseUnknownKeys } from './known-keys.js';
import { resolveVectorOptions } from './vector/resolve-vector-options.js';
import type { VectorEmulationOptions } from './vector/vector-request-interceptor.js';

export const DEFAULT_DATACENTER = 'dc1';
export const DEFAULT_RACK = 'rack1';
const DEFAULT_NODE_COUNT = 3;
const DEFAULT_FIRST_ADDRESS = '127.0.0.1';

// Records rather than lists: adding an option to an interface fails to compile until it is
// listed here too, so a new option is never refused as unknown.
const OPTION_KEYS: Record<keyof LocalAlternatorClusterOptions, true> = {
  nodes: true,
  port: true,
  auth: true,
  firstAddress: true,
  capacity: true,
  tls: true,
  serverVersion: true,
  vectorIndexActivationDelayMs: true,
};
const NODE_SPEC_KEYS: Record<keyof LocalNodeSpec, true> = {
  datacenter: true,
  rack: true,
  capacity: true,
};
const CAPACITY_KEYS: Record<keyof LocalNodeCapacity, true> = {
  maxConcurrent: true,
  serviceTimeMs: true,
};
const TLS_KEYS: Record<keyof LocalClusterTlsOptions, true> = {
  certPem: true,
  keyPem: true,
  caPem: true,
  requestClientCertificate: true,
};
/** The fields of an SDK credentials object, which tests often pass as `auth` too. */
const AUTH_KEYS: Record<keyof LocalClusterCredentials | SdkCredentialExtras, true> = {
  accessKeyId: true,
  secretAccessKey: true,
  sessionToken: true,
  expiration: true,
  credentialScope: true,
  accountId: true,
};
type SdkCredentialExtras = 'sessionToken' | 'expiration' | 'credentialScope' | 'accountId';

/** Where a node sits, and its own capacity model (undefined: the cluster-wide one). */
export interface ResolvedNodeSpec {
  datacenter: string;
  rack: string;
  capacity: LocalNodeCapacity | undefined;
}

/** Options with every default applied and every value checked. */
export interface ResolvedClusterOptions {
  nodes: ResolvedNodeSpec[];
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
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('LocalAlternatorCluster: the options must be an object');
  }
  refuseUnknownKeys(options, '', OPTION_KEYS);
  const specs = resolveNodes(options.nodes ?? DEFAULT_NODE_COUNT);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`LocalAlternatorCluster: 'port' must be an integer 0-65535, got ${port}`);
  }
  const firstAddress = options.firstAddress ?? DEFAULT_FIRST_ADDRESS;
  loopbackAddress(firstAddress, specs.length - 1);
  const { auth } = options;
  if (auth !== undefined && (!auth.accessKeyId || !auth.secretAccessKey)) {
    throw new TypeError(
      "LocalAlternatorCluster: 'auth' needs a non-empty accessKeyId and secretAccessKey",
    );
  }
  if (auth !== undefined) {
    // The SDK marks credentials objects it used with '$'-prefixed bookkeeping keys.
    const ownKeys = Object.entries(auth).filter(([key]) => !key.startsWith('$'));
    refuseUnknownKeys(Object.fromEntries(ownKeys), 'auth', AUTH_KEYS);
  }
  return {
    nodes: specs,
    port,
    auth,
    firstAddress,
    capacity: checkCapacity(options.capacity, 'capacity'),
    tls: checkTls(options.tls),
    vector: resolveVectorOptions(options),
  };
}

function checkTls(tls: LocalClusterTlsOptions | undefined): LocalClusterTlsOptions | undefined {
  if (tls === undefined) {
    return undefined;
  }
  if (typeof tls === 'object' && tls !== null) {
    refuseUnknownKeys(tls, 'tls', TLS_KEYS);
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

/** A node spec with defaults (or, for a move, the node's current values) filled in. */
export function resolveNodeSpec(
  spec: LocalNodeSpec = {},
  current: ResolvedNodeSpec = {
    datacenter: DEFAULT_DATACENTER,
    rack: DEFAULT_RACK,
    capacity: undefined,
  },
  where = 'node',
): ResolvedNodeSpec {
  if (typeof spec !== 'object' || spec === null) {
    throw new TypeError(`LocalAlternatorCluster: '${where}' must be an object`);
  }
  refuseUnknownKeys(spec, where, NODE_SPEC_KEYS);
  const datacenter = spec.datacenter ?? current.datacenter;
  const rack = spec.rack ?? current.rack;
  if (datacenter === '' || rack === '') {
    throw new TypeError('LocalAlternatorCluster: a node datacenter or rack cannot be empty');
  }
  const capacity =
    spec.capacity === undefined
      ? current.capacity
      : checkCapacity(spec.capacity, `${where}.capacity`);
  return { datacenter, rack, capacity };
}

/** Checks a capacity model; `where` names it in the error, e.g. 'nodes[1].capacity'. */
export function checkCapacity(
  capacity: LocalNodeCapacity | undefined,
  where: string,
): LocalNodeCapacity | undefined {
  if (capacity === undefined) {
    return undefined;
  }
  if (typeof capacity !== 'object' || capacity === null) {
    throw new TypeError(`LocalAlternatorCluster: '${where}' must be an object`);
  }
  refuseUnknownKeys(capacity, where, CAPACITY_KEYS);
  if (!Number.isInteger(capacity.maxConcurrent) || capacity.maxConcurrent < 1) {
    throw new TypeError(
      `LocalAlternatorCluster: '${where}.maxConcurrent' must be an integer >= 1, got ` +
        String(capacity.maxConcurrent),
    );
  }
  if (!Number.isFinite(capacity.serviceTimeMs) || capacity.serviceTimeMs < 0) {
    throw new TypeError(
      `LocalAlternatorCluster: '${where}.serviceTimeMs' must be a number >= 0, got ` +
        String(capacity.serviceTimeMs),
    );
  }
  return { maxConcurrent: capacity.maxConcurrent, serviceTimeMs: capacity.serviceTimeMs };
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

function resolveNodes(nodes: number | LocalNodeSpec[]): ResolvedNodeSpec[] {
  if (Array.isArray(nodes)) {
    if (nodes.length === 0) {
      throw new TypeError("LocalAlternatorCluster: 'nodes' needs at least one node spec");
    }
    return nodes.map((spec, index) => resolveNodeSpec(spec, undefined, `nodes[${index}]`));
  }
  if (!Number.isInteger(nodes) || nodes < 1) {
    throw new TypeError(`LocalAlternatorCluster: 'nodes' must be an integer >= 1, got ${nodes}`);
  }
  return Array.from({ length: nodes }, () => resolveNodeSpec());
}
