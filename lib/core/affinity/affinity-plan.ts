import { GoRand } from './go-rand.js';
import { murmur3x64Hash1 } from './murmur3.js';

/** Plans are built synchronously, so one generator can be reseeded for every plan. */
let planRandom: GoRand | undefined;

/**
 * The cross-language affinity plan: Go's `math/rand` seeded with the key's hash, then
 * pick-and-remove (`Intn(remaining)`, the last candidate moves into the picked slot) until no
 * candidate is left. Services in Java, Go, Rust, C# and C++ compute the same order, so a key
 * meets the same coordinator whichever client wrote it.
 *
 * `orderedNodes` must already be deduplicated and sorted canonically: bytewise over the
 * canonical endpoint URL (`scheme://host[:port]`), with plain `<` on strings, never
 * `localeCompare`. It should hold every discovered node, quarantined and down ones included, so
 * a health change does not remap keys; health is applied to the plan afterwards.
 *
 * Behaves like modulo hashing: adding an 11th node moves about 90% of keys. See
 * {@link rendezvousPlan} for the stable alternative.
 */
export function affinityPlan<T>(orderedNodes: readonly T[], hash: bigint): T[] {
  if (planRandom === undefined) planRandom = new GoRand(hash);
  else planRandom.seed(hash);
  const remaining = orderedNodes.slice();
  const plan: T[] = [];
  for (let count = remaining.length; count > 0; count--) {
    const picked = planRandom.intn(count);
    plan.push(remaining[picked]);
    remaining[picked] = remaining[count - 1];
  }
  return plan;
}

interface NodeHash {
  readonly hi: number;
  readonly lo: number;
}

/** Node ids seen recently; bounded so a cluster that churns through addresses cannot grow it. */
const nodeHashes = new Map<string, NodeHash>();
const NODE_HASH_CACHE_LIMIT = 4096;
const utf8 = new TextEncoder();

function nodeHashOf(id: string): NodeHash {
  let cached = nodeHashes.get(id);
  if (cached === undefined) {
    const hash = BigInt.asUintN(64, murmur3x64Hash1(utf8.encode(id)));
    cached = { hi: Number(hash >> 32n), lo: Number(hash & 0xffff_ffffn) };
    if (nodeHashes.size >= NODE_HASH_CACHE_LIMIT) nodeHashes.clear();
    nodeHashes.set(id, cached);
  }
  return cached;
}

/** MurmurHash3's 32-bit finalizer: every input bit flips each output bit with ~1/2 chance. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The weight of one (key, node) pair: 53 well-mixed bits of the two 64-bit hashes combined.
 * 53 bits keep it an exact double, so weights compare as plain numbers.
 */
function rendezvousWeight(keyHi: number, keyLo: number, node: NodeHash): number {
  const hi = keyHi ^ node.hi;
  const low = fmix32(keyLo ^ node.lo ^ Math.imul(hi, 0x9e37_79b1));
  const high = fmix32(hi ^ Math.imul(low, 0x27d4_eb2f));
  return high * 0x20_0000 + (low >>> 11);
}

/**
 * Rendezvous (highest-random-weight) ordering: nodes sorted by a weight mixed from the key's
 * hash and the node's id, highest first, ties by id. Unlike {@link affinityPlan}, a node joining
 * or leaving only moves the keys it wins or held (about 1 in n), so ~90% of keys keep their
 * coordinator when a 10-node cluster grows by one. The order does not depend on the order of
 * `nodes`. It is not shared with other languages' clients.
 *
 * @param nodeId stable identity of a node, such as its canonical endpoint URL; its hash is
 *   computed once per id and cached.
 */
export function rendezvousPlan<T>(
  nodes: readonly T[],
  keyHash: bigint,
  nodeId: (node: T) => string,
): T[] {
  const key = BigInt.asUintN(64, keyHash);
  const keyHi = Number(key >> 32n);
  const keyLo = Number(key & 0xffff_ffffn);
  const ranked = nodes.map((node) => {
    const id = nodeId(node);
    return { node, id, weight: rendezvousWeight(keyHi, keyLo, nodeHashOf(id)) };
  });
  ranked.sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ranked.map((entry) => entry.node);
}
