export * from './alternator-module-options.interface.js';
