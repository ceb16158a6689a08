import { readFileSync } from 'node:fs';
import type { AgentOptions } from 'node:https';
import * as tls from 'node:tls';
import { ConfigurationError } from '../errors.js';
import { matchInstancesAcrossBuilds } from '../cross-build-instanceof.js';

/** TLS session resumption cache. */
export interface TlsSessionCacheOptions {
  /** Resume TLS sessions instead of a full handshake per new connection. Default: `true` */
  enabled?: boolean;
  /** Sessions kept per node agent (Node's `maxCachedSessions`). Default: `1024` */
  cacheSize?: number;
  /**
   * Kept for parity with the other clients. Node's client cache has no lifetime of its own: the
   * server's ticket lifetime decides when a cached session stops being accepted.
   * Default: `86400`
   */
  timeoutSeconds?: number;
}

/** Options of {@link TlsConfig}. */
export interface TlsConfigOptions {
  /** PEM files of extra certificate authorities to trust. Default: `[]` */
  customCaCertPaths?: string[];
  /**
   * Trust what Node trusts by default too: its bundled roots, the authorities in the file named by
   * `NODE_EXTRA_CA_CERTS`, and the OS store when Node runs with `--use-system-ca`.
   * Default: `true`
   */
  trustSystemCaCerts?: boolean;
  /**
   * Check that the certificate names the host. The chain is verified either way.
   * Default: `true`
   */
  verifyHostname?: boolean;
  /**
   * Name sent as SNI and checked against the certificate, for nodes reached by IP address.
   * Default: the node's host
   */
  servername?: string;
  /** PEM client certificate for mutual TLS (needs `clientKeyPath`). Default: none */
  clientCertPath?: string;
  /** PEM private key of `clientCertPath`. Default: none */
  clientKeyPath?: string;
  /** Session resumption. Default: enabled, 1024 sessions, 86400 s */
  sessionCache?: TlsSessionCacheOptions;
  /**
   * Accept any certificate without verification. Insecure: for development only.
   * Default: `false`
   */
  trustAllCertificates?: boolean;
}

/**
 * TLS settings shared by data traffic, discovery and health probes.
 *
 * @publicApi
 */
export class TlsConfig {
  static {
    matchInstancesAcrossBuilds(this, 'TlsConfig');
  }

  readonly customCaCertPaths: readonly string[];
  readonly trustSystemCaCerts: boolean;
  readonly verifyHostname: boolean;
  readonly servername?: string;
  readonly clientCertPath?: string;
  readonly clientKeyPath?: string;
  readonly sessionCache: Readonly<Required<TlsSessionCacheOptions>>;
  readonly trustAllCertificates: boolean;

  constructor(options: TlsConfigOptions = {}) {
    this.customCaCertPaths = [...(options.customCaCertPaths ?? [])];
    this.trustSystemCaCerts = options.trustSystemCaCerts ?? true;
    this.verifyHostname = options.verifyHostname ?? true;
    this.servername = options.servername;
    this.clientCertPath = options.clientCertPath;
    this.clientKeyPath = options.clientKeyPath;
    this.sessionCache = {
      enabled: options.sessionCache?.enabled ?? true,
      cacheSize: options.sessionCache?.cacheSize ?? 1024,
      timeoutSeconds: options.sessionCache?.timeoutSeconds ?? 86400,
    };
    this.trustAllCertificates = options.trustAllCertificates ?? false;
    const problems = this.problems();
    if (problems.length > 0) throw new ConfigurationError(problems, 'Invalid TLS configuration');
  }

  /** Verify servers against Node's bundled root certificates, hostname included. */
  static systemDefault(): TlsConfig {
    return new TlsConfig();
  }

  /** Trust the system roots plus the authority in this PEM file. */
  static withCustomCa(path: string): TlsConfig {
    return new TlsConfig({ customCaCertPaths: [path] });
  }

  /** Accept any certificate. Insecure: for development only; the client logs a warning. */
  static trustAll(): TlsConfig {
    return new TlsConfig({ trustAllCertificates: true, verifyHostname: false });
  }

  /** Whether certificates go unverified. */
  get isTrustAll(): boolean {
    return this.trustAllCertificates;
  }

  /**
   * Options for `new https.Agent(...)`. Reads the certificate files now, so a missing file fails
   * at start-up with the option and path named.
   */
  toAgentOptions(): AgentOptions {
    const options: AgentOptions = {
      rejectUnauthorized: !this.trustAllCertificates,
      maxCachedSessions: this.sessionCache.enabled ? this.sessionCache.cacheSize : 0,
      checkServerIdentity: this.verifyHostname ? tls.checkServerIdentity : () => undefined,
    };
    if (this.servername !== undefined) options.servername = this.servername;
    if (this.customCaCertPaths.length > 0) {
      const custom = this.customCaCertPaths.map((path, i) =>
        readPem(path, `tls.customCaCertPaths[${i}]`, 'CERTIFICATE'),
      );
      options.ca = this.trustSystemCaCerts ? [...defaultCaCertificates(), ...custom] : custom;
    }
    if (this.clientCertPath !== undefined && this.clientKeyPath !== undefined) {
      options.cert = readPem(this.clientCertPath, 'tls.clientCertPath', 'CERTIFICATE');
      options.key = readPem(this.clientKeyPath, 'tls.clientKeyPath', 'PRIVATE KEY');
    }
    return options;
  }

  private problems(): string[] {
    const problems: string[] = [];
    this.customCaCertPaths.forEach((path, i) => {
      if (typeof path !== 'string' || path === '') {
        problems.push(`tls.customCaCertPaths[${i}] must be a non-empty file path`);
      }
    });
    if ((this.clientCertPath === undefined) !== (this.clientKeyPath === undefined)) {
      problems.push('tls.clientCertPath and tls.clientKeyPath must be given together');
    }
    const { cacheSize, timeoutSeconds } = this.sessionCache;
    if (!Number.isInteger(cacheSize) || cacheSize < 1) {
      problems.push('tls.sessionCache.cacheSize must be a positive integer');
    }
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) {
      problems.push('tls.sessionCache.timeoutSeconds must be a positive integer');
    }
    if (
      !this.trustAllCertificates &&
      !this.trustSystemCaCerts &&
      this.customCaCertPaths.length === 0
    ) {
      problems.push(
        'tls trusts no certificate authority: set customCaCertPaths, keep trustSystemCaCerts, ' +
          'or use TlsConfig.trustAll() for development',
      );
    }
    return problems;
  }
}

/**
 * The authorities Node trusts by default, for when custom CAs replace its default list: Node 22.15+
 * reports them itself; older versions get the bundled roots plus `NODE_EXTRA_CA_CERTS`, read here
 * as Node reads it at start-up.
 */
function defaultCaCertificates(): string[] {
  const reported = (tls as { getCACertificates?: (type: 'default') => string[] }).getCACertificates;
  if (typeof reported === 'function') return reported('default');
  return [...tls.rootCertificates, ...extraCaCertificates(process.env.NODE_EXTRA_CA_CERTS)];
}

/** The certificates of the `NODE_EXTRA_CA_CERTS` file; Node only warns about an unreadable one. */
function extraCaCertificates(path: string | undefined): string[] {
  if (!path) return [];
  try {
    return readFileSync(path, 'utf8').match(PEM_CERTIFICATE) ?? [];
  } catch {
    return [];
  }
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/** Reads a PEM file; the message names the option and path but never shows the contents. */
function readPem(path: string, option: string, label: 'CERTIFICATE' | 'PRIVATE KEY'): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    throw new ConfigurationError(
      `${option}: cannot read "${path}" (${code})`,
      'Invalid TLS configuration',
    );
  }
  if (!new RegExp(`-----BEGIN [A-Z ]*${label}-----`).test(text)) {
    throw new ConfigurationError(
      `${option}: "${path}" is not a PEM file with a ${label.toLowerCase()}`,
      'Invalid TLS configuration',
    );
  }
  return text;
}
