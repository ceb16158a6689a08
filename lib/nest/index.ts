export * from './alternator.module.js';
export * from './common/index.js';
export * from './interfaces/index.js';
