export * from './alternator-health.module.js';
export * from './alternator.health.js';
