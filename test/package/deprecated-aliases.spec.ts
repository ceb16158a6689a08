import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import { compilerOptionsAgainstSources } from '../support/source-compiler-options.js';
import * as rootEntry from '../../lib/index.js';
import * as vectorEntry from '../../lib/vector/index.js';

/**
 * Vector search moved from the root entry to `nestjs-alternator/vector`. Until 0.3.0 the root
 * keeps every moved name, and an editor must show it as deprecated: this asks TypeScript's
 * language service, which is what editors and `@typescript-eslint/no-deprecated` rely on.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const consumerDir = join(root, 'test', '__deprecated__');
const consumerFile = join(consumerDir, 'consumer.mts');

const options = compilerOptionsAgainstSources(root);

/** A language service over one consumer file with the given text. */
function languageService(text: string): ts.LanguageService {
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [consumerFile],
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) => {
      const content = file === consumerFile ? text : ts.sys.readFile(file);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === consumerFile || ts.sys.fileExists(file),
    readFile: (file) => (file === consumerFile ? text : ts.sys.readFile(file)),
    directoryExists: (dir) => dir === consumerDir || ts.sys.directoryExists(dir),
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host);
}

/** Names exported by an entry, values and types alike. */
function exportedNames(service: ts.LanguageService, entry: string): string[] {
  const program = service.getProgram()!;
  const source = program.getSourceFile(join(root, 'lib', entry))!;
  const checker = program.getTypeChecker();
  return checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).map((s) => s.name);
}

/** Names the consumer file gets a "deprecated" suggestion for. */
function flaggedNames(service: ts.LanguageService): string[] {
  return service.getSuggestionDiagnostics(consumerFile).flatMap((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const deprecated = /^'([^']+)' is deprecated/.exec(message);
    return deprecated ? [deprecated[1]] : [];
  });
}

function importAll(names: string[], from: string): string {
  return `import { ${names.map((name) => `type ${name} as Use${name}`).join(', ')} } from '${from}';\nexport type Used = [${names.map((name) => `Use${name}`).join(', ')}];\n`;
}

describe('vector names in the root entry', () => {
  const probe = languageService(
    "export * as core from 'nestjs-alternator/core';\nexport * as vector from 'nestjs-alternator/vector';\n",
  );
  const vectorNames = exportedNames(probe, join('vector', 'index.ts'));
  const coreNames = new Set(exportedNames(probe, join('core', 'index.ts')));
  const moved = vectorNames.filter((name) => !coreNames.has(name));

  it('finds the vector entry and the names that moved out of the root', () => {
    expect(moved).toEqual(
      expect.arrayContaining(['VectorQueryCommand', 'float32Vector', 'waitForVectorIndexActive']),
    );
    expect(moved).not.toContain('VectorEncoding');
  });

  it('are still exported by the root, as the same values', () => {
    const rootValues = rootEntry as Record<string, unknown>;
    const vectorValues = vectorEntry as Record<string, unknown>;
    const values = moved.filter((name) => name in vectorValues);
    expect(values.length).toBeGreaterThan(5);
    for (const name of values) expect([name, rootValues[name]]).toEqual([name, vectorValues[name]]);
  });

  it('are each flagged as deprecated when imported from the root', () => {
    const text = importAll(moved, 'nestjs-alternator');
    const flagged = flaggedNames(languageService(text));
    expect(moved.filter((name) => !flagged.includes(name))).toEqual([]);
  });

  it('are not flagged when imported from nestjs-alternator/vector', () => {
    const text = importAll(moved, 'nestjs-alternator/vector');
    expect(flaggedNames(languageService(text))).toEqual([]);
  });
});
