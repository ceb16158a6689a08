/**
 * How long recent samples of a busy node keep counting: a sample's weight fades by e every this
 * many milliseconds of newer samples, so the estimate follows a change within a fraction of a
 * second while single outliers barely move it.
 */
export const LATENCY_SMOOTHING_MS = 250;

/**
 * How fast the estimate of a node without traffic fades: by e every this many milliseconds. A
 * node shunned for being slow thus becomes worth one request again after about
 * `ln(its latency / its peers') x` this long, and that request measures whether it recovered.
 */
export const IDLE_DECAY_MS = 2000;

/**
 * The lowest time per request an estimate reports, in milliseconds: before the first sample,
 * costs still grow with the requests in flight, so idle nodes win over busy ones.
 */
const MIN_TIME_PER_REQUEST_MS = 0.001;

/**
 * What one client has seen of one node's latency, and what that predicts for one more request.
 *
 * Two figures are kept, both exponentially weighted over time (weights fade with
 * {@link LATENCY_SMOOTHING_MS}): the latency of recent attempts, for people to read, and the time
 * the node needs per request this client has in flight there (an attempt's latency divided by the
 * attempts in flight when it ended). The latter is what routing uses: multiplied by the requests
 * in flight now plus one, it predicts the latency of one more request, whether the node's latency
 * comes from its own slowness or from queueing behind this client's other requests. (Multiplying
 * the plain latency, as latency-and-load balancers commonly do, counts that queueing twice: under
 * steady load a fast node with a queue would look costlier than an idle node ten times slower.)
 *
 * Only answered attempts can lower the estimate: a refused connection fails fast and a request
 * abandoned by its caller stopped early, so neither proves the node quick; they count only when
 * they took longer than expected. A node with attempts in flight that has not answered for a
 * while costs at least that while, so a node that stops answering stops getting new requests
 * before any timeout. While a node has no traffic, its estimate fades toward zero (see
 * {@link IDLE_DECAY_MS}). All times are milliseconds on one monotonic clock, passed in.
 */
export class LatencyEstimate {
  private smoothedLatencyMs = 0;
  private timePerRequestMs = 0;
  private lastSampleAt: number;
  private sampled = false;
  /** When the node last finished an attempt or, if it was idle, received one. */
  private progressAt: number;

  constructor(now: number) {
    this.lastSampleAt = now;
    this.progressAt = now;
  }

  /** An attempt leaves for the node while it has none in flight. */
  becameBusy(now: number): void {
    this.progressAt = now;
  }

  /**
   * Records the end of an attempt.
   *
   * @param inFlight attempts in flight at the node when this one ended, this one included
   * @param answered whether the node answered (a response that proves it served the request)
   */
  observe(latencyMs: number, inFlight: number, now: number, answered: boolean): void {
    this.progressAt = now;
    const timePerRequest = latencyMs / Math.max(1, inFlight);
    if (!answered && timePerRequest <= this.timePerRequestMs) return;
    const keep = this.sampled ? Math.exp(-(now - this.lastSampleAt) / LATENCY_SMOOTHING_MS) : 0;
    this.smoothedLatencyMs = keep * this.smoothedLatencyMs + (1 - keep) * latencyMs;
    this.timePerRequestMs = keep * this.timePerRequestMs + (1 - keep) * timePerRequest;
    this.lastSampleAt = now;
    this.sampled = true;
  }

  /**
   * The predicted latency of one more request, in milliseconds: lower is better.
   *
   * @param inFlight attempts in flight at the node now
   */
  cost(inFlight: number, now: number): number {
    if (inFlight === 0) {
      return Math.max(MIN_TIME_PER_REQUEST_MS, this.timePerRequestMs * this.idleDecay(now));
    }
    const predicted = (inFlight + 1) * Math.max(MIN_TIME_PER_REQUEST_MS, this.timePerRequestMs);
    return Math.max(predicted, now - this.progressAt);
  }

  /** Smoothed latency of recent attempts in milliseconds, faded while idle; 0 before any. */
  latencyMs(inFlight: number, now: number): number {
    return inFlight === 0 ? this.smoothedLatencyMs * this.idleDecay(now) : this.smoothedLatencyMs;
  }

  private idleDecay(now: number): number {
    return Math.exp(-Math.max(0, now - this.progressAt) / IDLE_DECAY_MS);
  }
}
