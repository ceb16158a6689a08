import { join } from 'node:path';
import ts from 'typescript';

/**
 * Compiler options of a strict Node ESM application that imports `nestjs-alternator` and its
 * subpaths, resolved to the sources under `lib/` instead of a build.
 */
export function compilerOptionsAgainstSources(root: string): ts.CompilerOptions {
  return {
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
}
