export * from './alternator.decorators.js';
export {
  getAlternatorClientToken,
  getAlternatorClusterToken,
  getAlternatorDocumentClientToken,
} from './alternator.utils.js';
