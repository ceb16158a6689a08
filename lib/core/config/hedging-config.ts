/**
 * Hedged reads: when the node a read went to has not answered after `afterMs`, the same read goes
 * to another node as well; the first answer wins and the other request is aborted. Only reads
 * that change nothing are hedged (`GetItem`, `BatchGetItem`, `Query`, `Scan`, `SearchVectors`,
 * the Describe and List calls), never a write or a transaction. Extra requests are capped by a
 * token bucket, so a slow cluster never gets more than `maxExtraPercent` more reads.
 *
 * @publicApi
 */
export interface HedgingConfig {
  /**
   * How long the first node may take before the read also goes to another node, in milliseconds
   * (1 or more). Set it around the 95th to 99th percentile latency of your reads: lower hedges more
   * reads, higher saves less tail. Required
   */
  afterMs: number;
  /**
   * Most extra requests, as a percentage of hedgeable reads (above 0, at most 100): each read
   * earns `maxExtraPercent / 100` of a hedge, a hedge spends one, and at most
   * 10 hedges can be saved up for a burst of slow reads. Default: `5`
   */
  maxExtraPercent?: number;
}

/** {@link HedgingConfig} with its default applied. */
export type ResolvedHedgingConfig = Required<HedgingConfig>;

export const DEFAULT_HEDGE_MAX_EXTRA_PERCENT = 5;

/** Hedges a quiet client can save up for a burst of slow reads. */
export const HEDGE_BURST = 10;

export function resolveHedgingConfig(config: HedgingConfig): ResolvedHedgingConfig {
  return {
    afterMs: config.afterMs,
    maxExtraPercent: config.maxExtraPercent ?? DEFAULT_HEDGE_MAX_EXTRA_PERCENT,
  };
}
