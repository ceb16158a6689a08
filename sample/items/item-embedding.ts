/** Length of the sample's name embeddings. */
export const EMBEDDING_DIMENSIONS = 32;

/**
 * A small deterministic embedding of an item name, so the sample needs no model: the name's
 * letter trigrams hashed into 32 buckets, normalized to length 1. Names that share trigrams
 * ("green apple", "red apple") end up close under cosine distance. A real application would call
 * an embedding model here.
 */
export function embedName(name: string): Float32Array {
  const vector = new Float32Array(EMBEDDING_DIMENSIONS);
  const text = ` ${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
  for (let i = 0; i + 3 <= text.length; i++) {
    let hash = 2166136261;
    for (const char of text.slice(i, i + 3)) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    vector[(hash >>> 0) % EMBEDDING_DIMENSIONS] += 1;
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}
