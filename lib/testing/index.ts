export * from './local-alternator-cluster.js';
export * from './local-cluster-options.interface.js';
