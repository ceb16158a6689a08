export { murmur3x64Hash1 } from './murmur3.js';
export { affinityHash, affinityKeyBytes } from './affinity-key.js';
export { GoRand } from './go-rand.js';
export { affinityPlan, rendezvousPlan } from './affinity-plan.js';
export { needsReadBeforeWrite, type SingleItemWrite } from './rmw.js';
export {
  parseUpdateExpression,
  UpdateExpressionSyntaxError,
  type UpdateAction,
} from './update-expression.js';
export {
  batchWriteVotes,
  extractAffinityKey,
  rankVotedNodes,
  type AffinityVote,
} from './write-target.js';
