/** What one action of an UpdateExpression does to a top-level attribute. */
export interface UpdateTarget {
  clause: 'SET' | 'REMOVE' | 'ADD' | 'DELETE';
  /** The top-level attribute, with `#name` placeholders resolved. */
  attribute: string;
  /** The path is the attribute itself, not a part of it (`v`, not `v[0]` or `v.x`). */
  whole: boolean;
  /**
   * The `:value` placeholder that becomes the attribute's value: `SET a = :v`,
   * `SET a = if_not_exists(a, :v)`, `ADD a :v`. Undefined for computed values.
   */
  valueToken?: string;
  /** The action's text, for messages. */
  text: string;
}

const CLAUSE = /^(SET|REMOVE|ADD|DELETE)\b/i;
const VALUE_TOKEN = /^:[A-Za-z0-9_]+$/;
const IF_NOT_EXISTS = /^if_not_exists\s*\(\s*[^,()]+,\s*(:[A-Za-z0-9_]+)\s*\)$/i;

/**
 * The top-level attributes an UpdateExpression writes, enough to check values written to
 * indexed attributes. Malformed expressions yield what could be read; the store reports them.
 */
export function updateTargets(
  expression: string,
  names: Readonly<Record<string, unknown>> = {},
): UpdateTarget[] {
  const targets: UpdateTarget[] = [];
  for (const clause of splitClauses(expression)) {
    for (const action of splitTopLevel(clause.body, ',')) {
      const text = action.trim();
      if (text === '') {
        continue;
      }
      const [path, operand] =
        clause.name === 'SET'
          ? splitOnce(text, '=')
          : clause.name === 'REMOVE'
            ? [text, '']
            : splitOnce(text, /\s+/);
      const attribute = topLevelName(path.trim(), names);
      targets.push({
        clause: clause.name,
        attribute,
        whole: !/[.[]/.test(path.trim()),
        valueToken: valueTokenOf(operand.trim()),
        text,
      });
    }
  }
  return targets;
}

function splitClauses(expression: string): Array<{ name: UpdateTarget['clause']; body: string }> {
  const clauses: Array<{ name: UpdateTarget['clause']; body: string }> = [];
  let depth = 0;
  let start = -1;
  let name: UpdateTarget['clause'] | undefined;
  for (let i = 0; i <= expression.length; i++) {
    const char = expression[i];
    depth += char === '(' ? 1 : char === ')' ? -1 : 0;
    const atWordStart = i === 0 || /\s/.test(expression[i - 1] ?? '');
    const keyword = depth === 0 && atWordStart ? CLAUSE.exec(expression.slice(i))?.[1] : undefined;
    if (keyword !== undefined || i === expression.length) {
      if (name !== undefined) {
        clauses.push({ name, body: expression.slice(start, i) });
      }
      if (keyword !== undefined) {
        name = keyword.toUpperCase() as UpdateTarget['clause'];
        start = i + keyword.length;
        i += keyword.length - 1;
      }
    }
  }
  return clauses;
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
    if (depth === 0 && text[i] === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function splitOnce(text: string, separator: string | RegExp): [string, string] {
  const match = typeof separator === 'string' ? text.indexOf(separator) : text.search(separator);
  if (match < 0) {
    return [text, ''];
  }
  const length =
    typeof separator === 'string' ? separator.length : (separator.exec(text)?.[0].length ?? 1);
  return [text.slice(0, match), text.slice(match + length)];
}

function topLevelName(path: string, names: Readonly<Record<string, unknown>>): string {
  const first = /^[^.[]+/.exec(path)?.[0].trim() ?? path;
  const resolved = first.startsWith('#') ? names[first] : first;
  return typeof resolved === 'string' ? resolved : first;
}

function valueTokenOf(operand: string): string | undefined {
  if (VALUE_TOKEN.test(operand)) {
    return operand;
  }
  return IF_NOT_EXISTS.exec(operand)?.[1];
}
