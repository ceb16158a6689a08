/**
 * Replaces, in place, every object below `root` for which `replacement` returns a value; the
 * replacement is not walked into, and neither are typed arrays and other binary values, so a
 * large binary attribute costs nothing. `replacement` also gets the key the object sits under
 * (an attribute name, or a list position).
 */
export function replaceObjectsDeep(
  root: unknown,
  replacement: (node: object, key: string) => unknown,
): void {
  if (typeof root !== 'object' || root === null || ArrayBuffer.isView(root)) return;
  const container = root as Record<string, unknown>;
  for (const key of Object.keys(container)) {
    const child = container[key];
    if (typeof child !== 'object' || child === null || ArrayBuffer.isView(child)) continue;
    const replaced = replacement(child, key);
    if (replaced === undefined) replaceObjectsDeep(child, replacement);
    else container[key] = replaced;
  }
}

/**
 * Whether `predicate` holds for some value below `root` (binary values are tested, not walked
 * into).
 */
export function someValueDeep(root: unknown, predicate: (value: object) => boolean): boolean {
  if (typeof root !== 'object' || root === null || ArrayBuffer.isView(root)) return false;
  for (const child of Object.values(root as Record<string, unknown>)) {
    if (typeof child !== 'object' || child === null) continue;
    if (predicate(child) || someValueDeep(child, predicate)) return true;
  }
  return false;
}
