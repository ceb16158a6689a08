import type { AlternatorErrorReply } from '../alternator-errors.js';
import { typedValue, validation, type AttributeMap } from './json-values.js';

/** Which parts of an item a ProjectionExpression keeps, as a tree of names and list indexes. */
export interface Selection {
  whole: boolean;
  children: Map<string | number, Selection>;
}

export interface ParsedProjection {
  /** The selection below the item: one child per top-level attribute. */
  selection: Selection;
  usedNames: Set<string>;
}

const SEGMENT = /^(?:(#?[A-Za-z0-9_]+)|\[(\d+)\])/;

/** Parses `a, #b.c, d[2]` with its `#name` placeholders. */
export function parseProjection(
  expression: string,
  names: Readonly<Record<string, unknown>>,
): ParsedProjection | AlternatorErrorReply {
  const parsed: ParsedProjection = { selection: newSelection(), usedNames: new Set() };
  for (const rawPath of expression.split(',')) {
    let rest = rawPath.trim();
    let node = parsed.selection;
    let first = true;
    while (rest !== '') {
      if (!first) {
        if (rest.startsWith('.')) {
          rest = rest.slice(1);
        } else if (!rest.startsWith('[')) {
          return invalid(expression);
        }
      }
      const match = SEGMENT.exec(rest);
      if (match === null || (first && match[2] !== undefined)) {
        return invalid(expression);
      }
      let key: string | number;
      if (match[2] !== undefined) {
        key = Number(match[2]);
      } else if (match[1].startsWith('#')) {
        const name = names[match[1]];
        if (typeof name !== 'string') {
          return validation(
            'Invalid ProjectionExpression: An expression attribute name used in the document ' +
              `path is not defined; attribute name: ${match[1]}`,
          );
        }
        parsed.usedNames.add(match[1]);
        key = name;
      } else {
        key = match[1];
      }
      node = childOf(node, key);
      rest = rest.slice(match[0].length);
      first = false;
    }
    if (first) {
      return invalid(expression);
    }
    node.whole = true;
  }
  return parsed;
}

/** The parts of an item a selection keeps; list elements keep their relative order. */
export function projectItem(item: AttributeMap, selection: Selection): AttributeMap {
  const projected: AttributeMap = {};
  for (const [name, node] of selection.children) {
    const value = typeof name === 'string' ? applySelection(item[name], node) : undefined;
    if (value !== undefined) {
      projected[name as string] = value;
    }
  }
  return projected;
}

function applySelection(value: unknown, node: Selection): unknown {
  if (value === undefined || node.whole) {
    return value;
  }
  const [type, content] = typedValue(value) ?? ['', undefined];
  if (type === 'M' && typeof content === 'object' && content !== null) {
    const map = projectItem(content as AttributeMap, node);
    return Object.keys(map).length > 0 ? { M: map } : undefined;
  }
  if (type === 'L' && Array.isArray(content)) {
    const list = [...node.children]
      .filter((entry): entry is [number, Selection] => typeof entry[0] === 'number')
      .sort(([a], [b]) => a - b)
      .map(([index, child]) => applySelection((content as unknown[])[index], child))
      .filter((element) => element !== undefined);
    return list.length > 0 ? { L: list } : undefined;
  }
  return undefined;
}

function newSelection(): Selection {
  return { whole: false, children: new Map() };
}

function childOf(node: Selection, key: string | number): Selection {
  let child = node.children.get(key);
  if (child === undefined) {
    child = newSelection();
    node.children.set(key, child);
  }
  return child;
}

function invalid(expression: string): AlternatorErrorReply {
  return validation(`Invalid ProjectionExpression: Syntax error; expression: ${expression}`);
}
