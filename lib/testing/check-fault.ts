import { refuseUnknownKeys } from './known-keys.js';
import type { LocalNodeFault } from './local-cluster-options.interface.js';

/** The smallest body `oversizedBody` can send: the JSON around its padding. */
export const MIN_OVERSIZED_BODY_BYTES = 64;

const FAULT_NUMBERS: Record<
  LocalNodeFault['mode'],
  { field: string; min: number; integer: boolean } | undefined
> = {
  applyThenReset: undefined,
  answerLate: { field: 'delayMs', min: 0, integer: false },
  garbageBody: undefined,
  truncatedBody: undefined,
  oversizedBody: { field: 'bytes', min: MIN_OVERSIZED_BODY_BYTES, integer: true },
  gzipBomb: { field: 'inflatedBytes', min: 1, integer: true },
  trickleHeaders: { field: 'byteIntervalMs', min: 0, integer: false },
};

/** Checks a fault set at run time; the copy returned cannot be changed by the caller later. */
export function checkFault(fault: LocalNodeFault, where: string): LocalNodeFault {
  if (typeof fault !== 'object' || fault === null) {
    throw new TypeError(`LocalAlternatorCluster: '${where}' must be an object with a 'mode'`);
  }
  const modes = Object.keys(FAULT_NUMBERS);
  if (!Object.hasOwn(FAULT_NUMBERS, fault.mode)) {
    throw new TypeError(
      `LocalAlternatorCluster: '${where}.mode' must be one of ${modes.join(', ')}, got ` +
        String(fault.mode),
    );
  }
  const number = FAULT_NUMBERS[fault.mode];
  refuseUnknownKeys(fault, where, number === undefined ? ['mode'] : ['mode', number.field]);
  if (number === undefined) {
    return { ...fault };
  }
  const value = (fault as unknown as Record<string, unknown>)[number.field];
  const valid =
    typeof value === 'number' &&
    (number.integer ? Number.isSafeInteger(value) : Number.isFinite(value)) &&
    value >= number.min;
  if (!valid) {
    throw new TypeError(
      `LocalAlternatorCluster: '${where}.${number.field}' must be ` +
        `${number.integer ? 'an integer' : 'a number'} >= ${number.min}, got ${String(value)}`,
    );
  }
  return { ...fault };
}
