import type { AlternatorErrorReply } from '../alternator-errors.js';
import { isErrorReply, validation } from './json-values.js';

/** One `attribute = :value` of a SearchConditionExpression. */
export interface SearchEquality {
  attribute: string;
  value: unknown;
}

export interface ParsedSearchCondition {
  equalities: SearchEquality[];
  usedNames: Set<string>;
  usedValues: Set<string>;
}

type Token = { kind: 'name' | 'value' | 'symbol' | 'word'; text: string };

const TOKEN = /\s*(#[A-Za-z0-9_]+|:[A-Za-z0-9_]+|<>|<=|>=|[=<>(),.[\]]|[A-Za-z_][A-Za-z0-9_]*|\S)/y;
const COMPARATORS = new Set(['<>', '<', '<=', '>', '>=', 'IN', 'BETWEEN']);

/**
 * Parses a SearchConditionExpression: equality only (`a = :v`), on top-level attributes, joined
 * by AND, with optional parentheses.
 */
export function parseSearchCondition(
  expression: string,
  names: Readonly<Record<string, unknown>>,
  values: Readonly<Record<string, unknown>>,
): ParsedSearchCondition | AlternatorErrorReply {
  const tokens = tokenize(expression);
  const parsed: ParsedSearchCondition = {
    equalities: [],
    usedNames: new Set(),
    usedValues: new Set(),
  };
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const fail = (reason: string) => validation(`Invalid SearchConditionExpression: ${reason}`);

  const operand = (): { attribute?: string; value?: unknown } | AlternatorErrorReply => {
    const token = tokens[position++];
    if (token === undefined) {
      return fail('the expression ends where an operand was expected');
    }
    if (token.kind === 'value') {
      if (!(token.text in values)) {
        return fail(
          `An expression attribute value used in expression is not defined; attribute value: ${token.text}`,
        );
      }
      parsed.usedValues.add(token.text);
      return { value: values[token.text] };
    }
    if (peek()?.text === '(') {
      return fail(`functions such as ${token.text}() are not supported`);
    }
    if (peek()?.text === '.' || peek()?.text === '[') {
      return fail('only top-level attributes of the SearchSchema can be used');
    }
    if (token.kind === 'name') {
      const name = names[token.text];
      if (typeof name !== 'string') {
        return fail(
          `An expression attribute name used in the document path is not defined; attribute name: ${token.text}`,
        );
      }
      parsed.usedNames.add(token.text);
      return { attribute: name };
    }
    if (token.kind === 'word' && !isKeyword(token.text)) {
      return { attribute: token.text };
    }
    return fail(`unexpected "${token.text}"`);
  };

  const comparison = (): AlternatorErrorReply | undefined => {
    if (peek()?.text === '(') {
      position++;
      const error = conjunction();
      if (error !== undefined) {
        return error;
      }
      return tokens[position++]?.text === ')' ? undefined : fail('a parenthesis is not closed');
    }
    if (peek()?.text.toUpperCase() === 'NOT') {
      return fail('NOT is not supported; only equalities joined with AND are');
    }
    const left = operand();
    if (isErrorReply(left)) {
      return left;
    }
    const comparator = tokens[position++]?.text.toUpperCase();
    if (comparator !== '=') {
      return COMPARATORS.has(comparator ?? '')
        ? fail('Invalid comparator used in SearchConditionExpression')
        : fail('each condition must have the form attribute = :value');
    }
    const right = operand();
    if (isErrorReply(right)) {
      return right;
    }
    const attribute = left.attribute ?? right.attribute;
    const valueSide = left.attribute === undefined ? left : right;
    if (
      attribute === undefined ||
      (left.attribute !== undefined && right.attribute !== undefined)
    ) {
      return fail('each condition must compare one attribute with one :value');
    }
    parsed.equalities.push({ attribute, value: valueSide.value });
    return undefined;
  };

  const conjunction = (): AlternatorErrorReply | undefined => {
    for (;;) {
      const error = comparison();
      if (error !== undefined) {
        return error;
      }
      const next = peek()?.text.toUpperCase();
      if (next === 'OR') {
        return fail('OR is not supported; only equalities joined with AND are');
      }
      if (next !== 'AND') {
        return undefined;
      }
      position++;
    }
  };

  const error = conjunction();
  if (error !== undefined) {
    return error;
  }
  return position === tokens.length ? parsed : fail(`unexpected "${tokens[position].text}"`);
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(expression); match !== null; match = TOKEN.exec(expression)) {
    const text = match[1];
    const kind = text.startsWith('#')
      ? 'name'
      : text.startsWith(':')
        ? 'value'
        : /^[A-Za-z_]/.test(text)
          ? 'word'
          : 'symbol';
    tokens.push({ kind, text });
  }
  return tokens;
}

function isKeyword(word: string): boolean {
  return ['AND', 'OR', 'NOT', 'IN', 'BETWEEN'].includes(word.toUpperCase());
}
