import type { AttributeValue } from '@aws-sdk/client-dynamodb';

const WORDS = (
  'order customer shipped pending invoice warehouse priority express standard returned ' +
  'product catalog price discount total quantity address street city region postal country ' +
  'payment card refund status created updated delivered carrier tracking note gift wrap ' +
  'account session device mobile desktop browser review rating comment reply helpful'
).split(' ');

/** A small deterministic generator (mulberry32), so every run sends the same bytes. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * An item of about `targetBytes` of JSON that looks like application data (words from a small
 * vocabulary, numbers, a list of line items) rather than random bytes, which would not compress
 * and would say nothing about real items.
 */
export function applicationLikeItem(
  id: string,
  targetBytes: number,
): Record<string, AttributeValue> {
  const random = seededRandom(42);
  const word = () => WORDS[Math.floor(random() * WORDS.length)];
  const item: Record<string, AttributeValue> = {
    id: { S: id },
    createdAt: { S: '2026-11-20T10:15:00Z' },
    total: { N: (random() * 1000).toFixed(2) },
  };
  const lines: AttributeValue[] = [];
  item.lines = { L: lines };
  while (JSON.stringify(item).length < targetBytes) {
    lines.push({
      M: {
        sku: { S: `SKU-${Math.floor(random() * 100_000)}` },
        name: { S: `${word()} ${word()} ${word()}` },
        quantity: { N: String(1 + Math.floor(random() * 5)) },
        price: { N: (random() * 200).toFixed(2) },
        note: { S: Array.from({ length: 8 }, word).join(' ') },
      },
    });
  }
  return item;
}
