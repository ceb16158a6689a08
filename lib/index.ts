export * from './core/index.js';
export * from './nest/index.js';
export * from './deprecated-vector-aliases.js';
