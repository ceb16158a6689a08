/**
 * Throws when `value` has a key outside `known`, naming it with its path (`where`, '' at the
 * top level) and listing the known keys: a misspelt option would otherwise be ignored in silence.
 */
export function refuseUnknownKeys(
  value: object,
  where: string,
  known: readonly string[] | Readonly<Record<string, true>>,
): void {
  const keys = Array.isArray(known) ? known : Object.keys(known);
  const unknown = Object.keys(value).find((key) => !keys.includes(key));
  if (unknown !== undefined) {
    throw new TypeError(
      `LocalAlternatorCluster: Unknown option ${where === '' ? '' : `${where}.`}${unknown}; ` +
        `known keys: ${keys.join(', ')}`,
    );
  }
}
