/** Jest in native ESM mode: Nest 12 is ESM-only and CommonJS Jest cannot load it on Node 20. */
export default {
  testEnvironment: 'node',
  rootDir: '.',
  testRegex: '(lib|test)/.*\\.(spec|e2e-spec)\\.ts$',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testTimeout: 60000,
};
