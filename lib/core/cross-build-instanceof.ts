/**
 * The package ships an ESM and a CommonJS build. An application that loads both (an `import`
 * somewhere, a `require` elsewhere) holds two copies of every class, and plain `instanceof`
 * would reject an error or a `RackScope` made by the other copy. Classes marked here compare
 * by a registered symbol instead, which both copies share.
 */
const CLASS_MARK = Symbol.for('nestjs-alternator.class');

type Marked = { [CLASS_MARK]?: string };

function hasOwnMark(type: object): type is Marked {
  return Object.hasOwn(type, CLASS_MARK);
}

function isInstanceAcrossBuilds(this: object, value: unknown): boolean {
  // A subclass written by the user carries no mark of its own: plain `instanceof` applies.
  if (!hasOwnMark(this)) return Function.prototype[Symbol.hasInstance].call(this, value);
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  const mark = this[CLASS_MARK];
  let proto: unknown = Object.getPrototypeOf(value);
  while (proto) {
    const type: unknown = Object.hasOwn(proto, 'constructor')
      ? (proto as { constructor: unknown }).constructor
      : undefined;
    if (typeof type === 'function' && hasOwnMark(type) && type[CLASS_MARK] === mark) return true;
    proto = Object.getPrototypeOf(proto);
  }
  return false;
}

/**
 * Makes `value instanceof type` true for instances of `type` from either build. Call it once per
 * public class, from a static block, with the class's name.
 */
export function matchInstancesAcrossBuilds(type: object, name: string): void {
  Object.defineProperty(type, CLASS_MARK, { value: `nestjs-alternator:${name}` });
  Object.defineProperty(type, Symbol.hasInstance, { value: isInstanceAcrossBuilds });
}
