import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';

/**
 * Every ```ts (or ```typescript) block of README.md compiles under `strict` against the sources, each as its own
 * ES module, so the README cannot drift from the API. Names a reader clearly has already (a
 * client, an embedding, the application's AppModule) come from the prelude below; everything else
 * a snippet uses it must import itself.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const snippetDir = join(root, 'test', '__readme__');

const PRELUDE = `
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConfigService } from '@nestjs/config';
import type { AlternatorClient, AlternatorConfig } from 'nestjs-alternator';

declare global {
  /** A client made with createAlternatorClient, or injected with @InjectAlternatorClient(). */
  const client: AlternatorClient;
  /** A document client made with createAlternatorDocumentClient. */
  const documents: DynamoDBDocumentClient;
  /** An embedding computed by the application, and one to search with. */
  const embedding: Float32Array;
  const queryEmbedding: number[];
  /** The reader's own service under test: it counts visits with UpdateItem ADD. */
  class VisitCounter {
    constructor(client: AlternatorClient);
    createTable(): Promise<void>;
    record(page: string): Promise<void>;
    count(page: string): Promise<number>;
  }
  /** Settings of two clusters, read by the application. */
  function ordersConfig(config: ConfigService): AlternatorConfig;
  function analyticsConfig(config: ConfigService): AlternatorConfig;
}
`;

interface Snippet {
  /** Line of README.md where the code starts. */
  line: number;
  code: string;
}

function readmeSnippets(): Snippet[] {
  const lines = readFileSync(join(root, 'README.md'), 'utf8').split('\n');
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)$/.test(lines[i].trim())) continue;
    const end = lines.findIndex((line, j) => j > i && line.trim() === '```');
    snippets.push({ line: i + 2, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return snippets;
}

function compileErrors(snippets: Snippet[]): string[] {
  const files = new Map<string, string>([
    [join(snippetDir, 'prelude.ts'), PRELUDE],
    // What snippets import from './app.module.js': the application's root module.
    [join(snippetDir, 'app.module.ts'), 'export class AppModule {}\n'],
  ]);
  const lineOf = new Map<string, number>();
  for (const snippet of snippets) {
    // .mts: an ES module whatever package.json says, so top-level await is allowed.
    const file = join(snippetDir, `readme-line-${snippet.line}.mts`);
    files.set(file, `${snippet.code}\nexport {};\n`);
    lineOf.set(file, snippet.line);
  }
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    skipLibCheck: true,
    paths: {
      'nestjs-alternator': [join(root, 'lib', 'index.ts')],
      'nestjs-alternator/*': [join(root, 'lib', '*', 'index.ts')],
    },
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.directoryExists = (dir) => dir === snippetDir || ts.sys.directoryExists(dir);
  host.readFile = (file) => files.get(file) ?? readFile(file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = files.get(file);
    return text === undefined
      ? getSourceFile(file, language, ...rest)
      : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  // Errors inside lib/ are `npm run typecheck`'s business; here only the snippets count.
  const inSnippets = (diagnostic: ts.Diagnostic) =>
    diagnostic.file === undefined || files.has(diagnostic.file.fileName);
  return ts
    .getPreEmitDiagnostics(program)
    .filter(inSnippets)
    .map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      const file = diagnostic.file?.fileName ?? '';
      if (!lineOf.has(file)) return `${file}: ${message}`;
      const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return `README.md:${lineOf.get(file)! + line}: TS${diagnostic.code} ${message}`;
    });
}

describe('README.md', () => {
  it('has TypeScript snippets, and every one compiles under strict', () => {
    const snippets = readmeSnippets();
    expect(snippets.length).toBeGreaterThanOrEqual(10);
    expect(compileErrors(snippets)).toEqual([]);
  });
});
