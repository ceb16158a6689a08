import { isIP } from 'node:net';
import type { AlternatorLogger } from '../alternator-logger.js';
import { hasZoneId } from '../endpoint.js';

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;

/** One DNS label: letters, digits, '-' and '_' (common in container names), no edge '-'. */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;

/**
 * Whether `value` is a host name, an IPv4 address, or an IPv6 address (bare or bracketed) without
 * a zone id.
 */
export function isSeedHost(value: unknown): boolean {
  if (typeof value !== 'string' || value === '' || hasZoneId(value)) return false;
  if (value.startsWith('[')) return value.endsWith(']') && isIP(value.slice(1, -1)) === 6;
  if (isIP(value) !== 0) return true;
  const labels = (value.endsWith('.') ? value.slice(0, -1) : value).split('.');
  // An all-digit last label is a mistyped IPv4 address such as 10.0.0.300, not a host name.
  return (
    value.length <= 253 &&
    labels.every((label) => LABEL.test(label)) &&
    !/^\d+$/.test(labels.at(-1) ?? '')
  );
}

/** Why `value` is not a usable `seedHosts` list, or `undefined` when it is. */
export function seedHostsProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return 'seedHosts is required: list at least one node';
  if (!Array.isArray(value)) return 'seedHosts must be an array of host names or IP addresses';
  if (value.length === 0) return 'seedHosts must list at least one node';
  const zoned = value.filter((host) => typeof host === 'string' && hasZoneId(host));
  if (zoned.length > 0) {
    return (
      'seedHosts must not carry an IPv6 zone id, which a node URL cannot hold: use a global or ' +
      `unique-local address, got ${zoned.map((host) => JSON.stringify(host)).join(', ')}`
    );
  }
  const bad = value.filter((host) => !isSeedHost(host));
  if (bad.length === 0) return undefined;
  const shown = bad.map((host) => (typeof host === 'string' ? JSON.stringify(host) : typeof host));
  return (
    'seedHosts must hold host names or IP addresses, without scheme or port ' +
    `(set the port with port), got ${shown.join(', ')}`
  );
}

/** Why `value` is not a table -> partition-key map, or `undefined` when it is. */
export function tablePkMapProblem(value: unknown): string | undefined {
  const valid =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((name) => typeof name === 'string' && name !== '');
  return valid ? undefined : '$property must map table names to partition-key attribute names';
}

/** Whether `value` has the methods of {@link AlternatorLogger}. */
export function isAlternatorLogger(value: unknown): value is AlternatorLogger {
  if (typeof value !== 'object' || value === null) return false;
  const logger = value as Record<string, unknown>;
  const isMethod = (name: string): boolean => typeof logger[name] === 'function';
  return (
    isMethod('log') &&
    isMethod('warn') &&
    isMethod('error') &&
    (logger.debug === undefined || isMethod('debug'))
  );
}

/** Problem finder for an integer option within bounds; `$property` names the option. */
export function intProblem(min: number, max?: number): (value: unknown) => string | undefined {
  return (value) => {
    if (value === undefined || value === null) return '$property is required';
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      return '$property must be an integer number';
    }
    if (value < min) return `$property must not be less than ${min}`;
    if (max !== undefined && value > max) return `$property must not be greater than ${max}`;
    return undefined;
  };
}

/** Problem finder for a required, non-empty string; never quotes the value (it may be secret). */
export function nonEmptyStringProblem(
  missing = '$property must not be empty',
): (value: unknown) => string | undefined {
  return (value) => {
    if (value === undefined || value === null || value === '') return missing;
    return typeof value === 'string' ? undefined : '$property must be a string';
  };
}

/** Why `value` is not a list of header names, or `undefined` when it is. */
export function headerListProblem(value: unknown): string | undefined {
  const valid =
    Array.isArray(value) &&
    value.every((name) => typeof name === 'string' && HEADER_NAME.test(name));
  return valid ? undefined : '$property must be a list of HTTP header names';
}

/** Why `value` is not a percentage above 0 and at most 100, or `undefined` when it is. */
export function percentProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '$property must be a number';
  if (value <= 0 || value > 100) return '$property must be above 0 and at most 100';
  return undefined;
}
