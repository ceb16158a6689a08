/**
 * Just enough of DynamoDB's UpdateExpression grammar to tell a blind write from one that reads
 * the item first, the way Alternator's `needs_read_before_write()` does:
 *
 *   expression := clause+           clause := SET set (',' set)* | REMOVE path (',' path)*
 *                                           | ADD path value (',' ...)* | DELETE path value (...)
 *   set        := path '=' operand (('+' | '-') operand)?
 *   operand    := ':value' | path | function '(' operand (',' operand)* ')'
 *   path       := name ('.' name | '[' digits ']')*          name := identifier | '#name'
 *
 * Clause keywords are case-insensitive and only recognised where a clause may start, so an
 * attribute may itself be called `set` or `remove`.
 */

/** What routing needs to know about one action of an UpdateExpression. */
export interface UpdateAction {
  readonly clause: 'SET' | 'REMOVE' | 'ADD' | 'DELETE';
  /** The target is below a top-level attribute (`a.b`, `a[2]`, `#n.#m`). */
  readonly nested: boolean;
  /** A SET whose right-hand side reads an attribute path, directly or inside a function. */
  readonly readsPath: boolean;
}

/** Raised for text this parser cannot read; callers decide what that means for them. */
export class UpdateExpressionSyntaxError extends Error {
  override readonly name = 'UpdateExpressionSyntaxError';
}

type TokenKind = 'identifier' | 'nameRef' | 'valueRef' | 'integer' | 'symbol';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly at: number;
}

const CLAUSES = new Set<string>(['SET', 'REMOVE', 'ADD', 'DELETE']);
const SYMBOLS = new Set<string>(['=', ',', '.', '[', ']', '(', ')', '+', '-']);
const WHITESPACE = /\s/;
const WORD_CHAR = /[A-Za-z0-9_]/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INTEGER = /^[0-9]+$/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at];
    if (WHITESPACE.test(char)) {
      at++;
    } else if (SYMBOLS.has(char)) {
      tokens.push({ kind: 'symbol', text: char, at });
      at++;
    } else {
      const start = at;
      const prefixed = char === '#' || char === ':';
      if (prefixed) at++;
      while (at < text.length && WORD_CHAR.test(text[at])) at++;
      const word = text.slice(start, at);
      const bare = prefixed ? word.slice(1) : word;
      let kind: TokenKind | undefined;
      if (prefixed && bare.length > 0) kind = char === '#' ? 'nameRef' : 'valueRef';
      else if (IDENTIFIER.test(word)) kind = 'identifier';
      else if (INTEGER.test(word)) kind = 'integer';
      if (kind === undefined) {
        throw new UpdateExpressionSyntaxError(`unexpected character at ${start}: '${char}'`);
      }
      tokens.push({ kind, text: word, at: start });
    }
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): UpdateAction[] {
    if (this.tokens.length === 0) throw new UpdateExpressionSyntaxError('empty expression');
    const actions: UpdateAction[] = [];
    while (this.position < this.tokens.length) {
      const keyword = this.take('identifier', 'a clause keyword').text.toUpperCase();
      if (!CLAUSES.has(keyword)) this.fail(this.position - 1, 'a clause keyword');
      const clause = keyword as UpdateAction['clause'];
      do {
        actions.push(this.action(clause));
      } while (this.skip(','));
    }
    return actions;
  }

  private action(clause: UpdateAction['clause']): UpdateAction {
    const nested = this.path();
    let readsPath = false;
    if (clause === 'SET') {
      this.expect('=');
      readsPath = this.operand();
      if (this.skip('+') || this.skip('-')) readsPath = this.operand() || readsPath;
    } else if (clause === 'ADD' || clause === 'DELETE') {
      this.take('valueRef', 'a :value');
    }
    return { clause, nested, readsPath };
  }

  /** Returns whether the path is nested. */
  private path(): boolean {
    const head = this.peek();
    if (head?.kind !== 'identifier' && head?.kind !== 'nameRef') this.fail(this.position, 'a path');
    this.position++;
    let nested = false;
    for (;;) {
      if (this.skip('.')) {
        const member = this.peek();
        if (member?.kind !== 'identifier' && member?.kind !== 'nameRef') {
          this.fail(this.position, 'a name after "."');
        }
        this.position++;
      } else if (this.skip('[')) {
        this.take('integer', 'a list index');
        this.expect(']');
      } else {
        return nested;
      }
      nested = true;
    }
  }

  /** Parses one operand and returns whether it reads an attribute path. */
  private operand(): boolean {
    const token = this.peek();
    if (token?.kind === 'valueRef') {
      this.position++;
      return false;
    }
    const next = this.tokens[this.position + 1];
    if (token?.kind === 'identifier' && next?.kind === 'symbol' && next.text === '(') {
      this.position += 2;
      let readsPath = false;
      do {
        readsPath = this.operand() || readsPath;
      } while (this.skip(','));
      this.expect(')');
      return readsPath;
    }
    this.path();
    return true;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private skip(symbol: string): boolean {
    const token = this.peek();
    if (token?.kind !== 'symbol' || token.text !== symbol) return false;
    this.position++;
    return true;
  }

  private expect(symbol: string): void {
    if (!this.skip(symbol)) this.fail(this.position, `"${symbol}"`);
  }

  private take(kind: TokenKind, expected: string): Token {
    const token = this.peek();
    if (token?.kind !== kind) this.fail(this.position, expected);
    this.position++;
    return token;
  }

  private fail(position: number, expected: string): never {
    const token = this.tokens[position];
    const found = token === undefined ? 'end of expression' : `'${token.text}' at ${token.at}`;
    throw new UpdateExpressionSyntaxError(`expected ${expected}, found ${found}`);
  }
}

/**
 * Parses an UpdateExpression into its actions.
 *
 * @throws UpdateExpressionSyntaxError when the text is not a well-formed expression.
 */
export function parseUpdateExpression(text: string): UpdateAction[] {
  return new Parser(tokenize(text)).parse();
}
