import { isJsonObject, typedValue, type AttributeMap, type JsonObject } from './json-values.js';

/** The key attribute names of a table, hash first. */
export interface TableKeys {
  hash: string;
  range?: string;
}

/** The key schema of a DescribeTable `Table` (or CreateTable request). */
export function tableKeysOf(table: JsonObject): TableKeys {
  const schema = Array.isArray(table.KeySchema) ? (table.KeySchema as unknown[]) : [];
  const nameOf = (type: string): string | undefined => {
    const element = schema.find((entry) => isJsonObject(entry) && entry.KeyType === type);
    return isJsonObject(element) && typeof element.AttributeName === 'string'
      ? element.AttributeName
      : undefined;
  };
  return { hash: nameOf('HASH') ?? '', range: nameOf('RANGE') };
}

export function keyNames(keys: TableKeys): string[] {
  return keys.range === undefined ? [keys.hash] : [keys.hash, keys.range];
}

/** Only the key attributes of an item. */
export function keyOf(item: AttributeMap, keys: TableKeys): AttributeMap {
  const key: AttributeMap = {};
  for (const name of keyNames(keys)) {
    if (name in item) {
      key[name] = item[name];
    }
  }
  return key;
}

/** A text that identifies an item's key, for set membership. */
export function keyText(item: AttributeMap, keys: TableKeys): string {
  return JSON.stringify(keyNames(keys).map((name) => item[name] ?? null));
}

/** Orders items by key bytes, hash key first: the emulator's tie-break between equal scores. */
export function compareByKey(keys: TableKeys): (a: AttributeMap, b: AttributeMap) => number {
  return (a, b) => {
    for (const name of keyNames(keys)) {
      const order = compareKeyValues(a[name], b[name]);
      if (order !== 0) {
        return order;
      }
    }
    return 0;
  };
}

function compareKeyValues(a: unknown, b: unknown): number {
  const left = typedValue(a);
  const right = typedValue(b);
  if (left === undefined || right === undefined || left[0] !== right[0]) {
    return 0;
  }
  const [type, content] = left;
  if (type === 'N') {
    return Math.sign(Number(content) - Number(right[1]));
  }
  const encoding = type === 'B' ? 'base64' : 'utf8';
  return Buffer.compare(
    Buffer.from(String(content), encoding),
    Buffer.from(String(right[1]), encoding),
  );
}
