import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

/**
 * Optional peers must stay behind their subpaths: an ESM import of a missing package fails at
 * load time, so one stray import would break every app that does not install it.
 */
const libDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lib');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function specifiersOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;
  return [...source.matchAll(pattern)].map((match) => match[1]);
}

/** Every file the given entry loads through relative imports, the entry included. */
function reachableFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of specifiersOf(file)) {
      if (specifier.startsWith('.')) {
        pending.push(resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
      }
    }
  }
  return seen;
}

const inLib = (file: string) => relative(libDir, file);

describe('import boundaries', () => {
  const files = sourceFiles(libDir);

  it('finds the sources', () => {
    expect(files.map(inLib)).toEqual(
      expect.arrayContaining(['index.ts', join('health', 'index.ts'), join('nest', 'index.ts')]),
    );
  });

  it('imports @nestjs/terminus only under lib/health', () => {
    const offenders = files
      .filter((file) => !inLib(file).startsWith('health/'))
      .filter((file) => specifiersOf(file).some((s) => s.startsWith('@nestjs/terminus')));
    expect(offenders.map(inLib)).toEqual([]);
  });

  it('keeps lib/core free of Nest', () => {
    const offenders = files
      .filter((file) => inLib(file).startsWith('core/'))
      .filter((file) => specifiersOf(file).some((s) => s.startsWith('@nestjs/')));
    expect(offenders.map(inLib)).toEqual([]);
  });

  it('imports @opentelemetry packages as types only: the API is loaded at run time if installed', () => {
    const valueImport = /^\s*import\s+(?!type\b)[^;]*?from\s*['"]@opentelemetry\//m;
    const offenders = files
      .filter((file) => !file.endsWith('.spec.ts'))
      .filter((file) => valueImport.test(readFileSync(file, 'utf8')));
    expect(offenders.map(inLib)).toEqual([]);
  });

  it('loads neither the health nor the testing subpath from the main entry', () => {
    const loaded = [...reachableFrom(join(libDir, 'index.ts'))].map(inLib);
    expect(loaded).toEqual(expect.arrayContaining([join('nest', 'index.ts')]));
    expect(loaded.filter((file) => /^(health|testing)\//.test(file))).toEqual([]);
    const optionalPeers = [...reachableFrom(join(libDir, 'index.ts'))].filter((file) =>
      specifiersOf(file).some((s) => s.startsWith('@nestjs/terminus') || s === 'dynalite'),
    );
    expect(optionalPeers.map(inLib)).toEqual([]);
  });
});
