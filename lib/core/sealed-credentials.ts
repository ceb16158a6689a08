import { inspect } from 'node:util';
import type { AlternatorCredentials } from './config/alternator-config.js';

/**
 * SigV4 credentials that no view of an object holding them can show: `util.inspect`,
 * `JSON.stringify`, `String()` and loggers see no key or value. The values live in true private
 * fields, readable only through the getters (what the SDK's credential provider calls) so a
 * sealed value still fits wherever {@link AlternatorCredentials} is expected.
 *
 * The client seals the credentials it is given and hands them to the SDK only; the cluster,
 * discovery and health probes never receive them.
 *
 * @publicApi
 */
export class SealedCredentials implements AlternatorCredentials {
  readonly #accessKeyId: string;
  readonly #secretAccessKey: string;
  readonly #sessionToken: string | undefined;

  private constructor(credentials: AlternatorCredentials) {
    this.#accessKeyId = credentials.accessKeyId;
    this.#secretAccessKey = credentials.secretAccessKey;
    this.#sessionToken = credentials.sessionToken;
  }

  /** Seals `credentials`; a value that is already sealed is returned as it is. */
  static of(credentials: AlternatorCredentials): SealedCredentials {
    return credentials instanceof SealedCredentials
      ? credentials
      : new SealedCredentials(credentials);
  }

  get accessKeyId(): string {
    return this.#accessKeyId;
  }

  get secretAccessKey(): string {
    return this.#secretAccessKey;
  }

  get sessionToken(): string | undefined {
    return this.#sessionToken;
  }

  /** A credential provider for the AWS SDK: each call returns a fresh copy of the identity. */
  provider(): () => Promise<AlternatorCredentials> {
    return () =>
      Promise.resolve({
        accessKeyId: this.#accessKeyId,
        secretAccessKey: this.#secretAccessKey,
        ...(this.#sessionToken === undefined ? {} : { sessionToken: this.#sessionToken }),
      });
  }

  toJSON(): string {
    return '[credentials hidden]';
  }

  toString(): string {
    return '[credentials hidden]';
  }

  [inspect.custom](): string {
    return 'SealedCredentials [hidden]';
  }
}
