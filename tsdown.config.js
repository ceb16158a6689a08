import { defineConfig } from 'tsdown';

/**
 * One ESM and one CommonJS build of the same entries, each with its own declarations
 * (`.d.ts` beside `.js`, `.d.cts` beside `.cjs`). Entries share chunks within a format, so the
 * root entry and `./core` hand out the same classes.
 */
export default defineConfig({
  entry: {
    index: 'lib/index.ts',
    'core/index': 'lib/core/index.ts',
    'health/index': 'lib/health/index.ts',
    'testing/index': 'lib/testing/index.ts',
    'vector/index': 'lib/vector/index.ts',
  },
  format: ['esm', 'cjs'],
  platform: 'node',
  target: 'node20.19',
  tsconfig: 'tsconfig.build.json',
  outDir: 'dist',
  fixedExtension: false,
  dts: true,
  sourcemap: false,
  exports: false,
  // The CommonJS build is deliberate: Nest 11 apps and ts-jest in CommonJS mode load it.
  checks: { legacyCjs: false },
});
