/**
 * Node health settings (`feature-specs/node-health.md` of the official clients).
 *
 * @publicApi
 */
export interface NodeHealthConfig {
  /** Track health at all; when `false` every node counts as active. Default: `true` */
  enabled?: boolean;
  /** Consecutive traffic failures that take an active node down. Default: `10` */
  activeFailureThreshold?: number;
  /** Consecutive successful probes that move a down node to quarantine. Default: `3` */
  downRecoveryThreshold?: number;
  /** Consecutive traffic successes that promote a quarantined node. Default: `10` */
  quarantinePromotionThreshold?: number;
  /** Consecutive traffic failures that take a quarantined node down. Default: `3` */
  quarantineFailureThreshold?: number;
  /** Period of background probes of down and quarantined nodes. Default: `30000` */
  backgroundProbePeriodMs?: number;
  /** Probes running at once, 1 to 64. Default: `4` */
  probeConcurrency?: number;
  /** Deadline of one probe. Default: `5000` */
  probeTimeoutMs?: number;
}

/** {@link NodeHealthConfig} with every default applied. */
export type ResolvedNodeHealthConfig = Readonly<Required<NodeHealthConfig>>;

/** The cross-language defaults (`defaults.tsv`, HEALTH-REQ-001). */
export const DEFAULT_NODE_HEALTH_CONFIG: ResolvedNodeHealthConfig = Object.freeze({
  enabled: true,
  activeFailureThreshold: 10,
  downRecoveryThreshold: 3,
  quarantinePromotionThreshold: 10,
  quarantineFailureThreshold: 3,
  backgroundProbePeriodMs: 30000,
  probeConcurrency: 4,
  probeTimeoutMs: 5000,
});

/**
 * Applies defaults. Thresholds below one become one, as the spec says; the other values are
 * expected to be validated already.
 */
export function resolveNodeHealthConfig(config: NodeHealthConfig = {}): ResolvedNodeHealthConfig {
  const d = DEFAULT_NODE_HEALTH_CONFIG;
  const threshold = (value: number | undefined, fallback: number): number =>
    Math.max(1, value ?? fallback);
  return Object.freeze({
    enabled: config.enabled ?? d.enabled,
    activeFailureThreshold: threshold(config.activeFailureThreshold, d.activeFailureThreshold),
    downRecoveryThreshold: threshold(config.downRecoveryThreshold, d.downRecoveryThreshold),
    quarantinePromotionThreshold: threshold(
      config.quarantinePromotionThreshold,
      d.quarantinePromotionThreshold,
    ),
    quarantineFailureThreshold: threshold(
      config.quarantineFailureThreshold,
      d.quarantineFailureThreshold,
    ),
    backgroundProbePeriodMs: config.backgroundProbePeriodMs ?? d.backgroundProbePeriodMs,
    probeConcurrency: config.probeConcurrency ?? d.probeConcurrency,
    probeTimeoutMs: config.probeTimeoutMs ?? d.probeTimeoutMs,
  });
}
