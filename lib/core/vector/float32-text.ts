/** The powers of ten a double holds exactly: 1e0 to 1e22. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, index) => 10 ** index);

/**
 * The float32 value of `value`, as the double whose JavaScript text is the shortest decimal that
 * reads back as the same float32 (`0.1`, not `0.10000000149011612`). A 1536-dimension vector
 * then takes about 17 KB of JSON instead of 30 KB, and this costs no more than printing the
 * widened doubles: for magnitudes from about 1e-15 to 1e22 the digits come from one
 * multiplication and `Math.round` rather than from `toPrecision`, and every candidate is checked
 * with `Math.fround`. Where no candidate of up to 9 digits reads back exactly, the widened double
 * itself is used: longer, but still exact.
 *
 * `value` must be finite in float32 (`float32Numbers` checks it).
 */
export function shortestFloat32(value: number): number {
  const target = Math.fround(value);
  if (target === 0) return target;
  const exponent = Math.floor(Math.log10(Math.abs(target)));
  // Most float32 values need 7 to 9 digits, so start at 7 and go down only when 7 already works.
  const seven = withDigits(target, exponent, 7);
  if (Math.fround(seven) === target) {
    let shortest = seven;
    for (let digits = 6; digits >= 1; digits--) {
      const candidate = withDigits(target, exponent, digits);
      if (Math.fround(candidate) !== target) break;
      shortest = candidate;
    }
    return shortest;
  }
  for (const digits of [8, 9]) {
    const candidate = withDigits(target, exponent, digits);
    if (Math.fround(candidate) === target) return candidate;
  }
  return target;
}

/**
 * `value` rounded to `digits` significant decimal digits, as the double nearest that decimal
 * (`exponent` = floor(log10(|value|))). With an exact power of ten, one correctly rounded
 * multiplication or division gives that double; beyond 1e22 `toPrecision` does it, slower.
 */
function withDigits(value: number, exponent: number, digits: number): number {
  const scale = digits - 1 - exponent;
  if (scale >= 0 && scale < EXACT_POWERS_OF_TEN.length) {
    return Math.round(value * EXACT_POWERS_OF_TEN[scale]) / EXACT_POWERS_OF_TEN[scale];
  }
  if (scale < 0 && -scale < EXACT_POWERS_OF_TEN.length) {
    return Math.round(value / EXACT_POWERS_OF_TEN[-scale]) * EXACT_POWERS_OF_TEN[-scale];
  }
  return Number(value.toPrecision(digits));
}
