/** What every benchmark gets from the runner. */
export interface BenchContext {
  /** `--quick`: fewer requests per round, still at least 5 rounds. */
  readonly quick: boolean;
  /** Progress lines, printed as they come. */
  log(message: string): void;
}

/** One line of the summary table: a measured figure, and its target when the issue sets one. */
export interface Figure {
  metric: string;
  value: number;
  unit: string;
  /** e.g. '>= 0.95'; absent when the figure is informative only. */
  target?: string;
  /** Whether `value` meets `target`; absent without a target. */
  met?: boolean;
}

/** A finished benchmark: its table lines and its section of `latest.json`. */
export interface BenchmarkOutcome {
  /** Key in `latest.json`, e.g. 'overhead'. */
  name: string;
  figures: Figure[];
  results: Record<string, unknown>;
  /** Files the runner writes to `bench/results/`, by file name (e.g. a chart). */
  artifacts?: Record<string, string>;
}

export type Benchmark = (context: BenchContext) => Promise<BenchmarkOutcome>;

/** A figure that must be at least `minimum`. */
export function atLeast(metric: string, value: number, unit: string, minimum: number): Figure {
  return { metric, value, unit, target: `>= ${minimum}`, met: value >= minimum };
}

/** A figure that must be at most `maximum` (`strict`: below it). */
export function atMost(
  metric: string,
  value: number,
  unit: string,
  maximum: number,
  strict = false,
): Figure {
  const met = strict ? value < maximum : value <= maximum;
  return { metric, value, unit, target: `${strict ? '<' : '<='} ${maximum}`, met };
}

/** A figure with no target. */
export function info(metric: string, value: number, unit: string): Figure {
  return { metric, value, unit };
}
