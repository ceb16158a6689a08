import type {
  Attributes,
  Counter,
  Histogram,
  Meter,
  ObservableResult,
  ObservableUpDownCounter,
  Span,
} from '@opentelemetry/api';
import type { AlternatorLogger } from '../alternator-logger.js';
import { isCallerAbort, NodeState, statusOfError, type AttemptOutcome } from '../node-health.js';
import { openTelemetryApi, type OpenTelemetryApi } from './opentelemetry-api.js';
import type { ResolvedTelemetryConfig } from '../config/telemetry-config.js';

/** A node as telemetry describes it. */
export interface TelemetryNode {
  readonly url: string;
  /** Host name or IP address, without brackets. */
  readonly address: string;
  readonly port: number;
  readonly state: NodeState;
}

/** What a request's route reports about its attempts. */
export interface AttemptTelemetry {
  /** An attempt left for `node`; `attempt` counts the nodes this request went to, from 1. */
  attemptStarted(node: TelemetryNode, attempt: number): void;
  /** The attempt that went to `node` ended after `latencyMs` with `outcome`. */
  attemptEnded(node: TelemetryNode, latencyMs: number, outcome: AttemptOutcome): void;
}

/** What a cluster reports, besides its routes' attempts. */
export interface ClusterTelemetry extends AttemptTelemetry {
  /** Reports the state of each node `source` lists whenever metrics are collected. */
  observeNodes(source: () => Iterable<TelemetryNode>): void;
  /** A refresh of the node list ended, with `error` when it found no usable answer. */
  discoveryEnded(error?: unknown): void;
  /** Stops observing nodes: the client is gone. */
  close(): void;
}

/** The instrumentation scope: the package. */
const METER_NAME = 'nestjs-alternator';

/**
 * The database system, in the key and value of the current conventions (`db.system.name`, which
 * replaced `db.system`). They list no value for ScyllaDB, and they name the system as the client
 * knows it, by the protocol it speaks, when a compatible server answers (a PostgreSQL client on
 * CockroachDB reports `postgresql`): this client speaks the DynamoDB API, so `aws.dynamodb`, the
 * value the conventions give DynamoDB. The `alternator.` prefix of the instruments says the
 * server is ScyllaDB Alternator.
 */
const DB_SYSTEM = { 'db.system.name': 'aws.dynamodb' } as const;

/** Bucket boundaries, in seconds, that the conventions advise for database operation durations. */
const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];

/** Node states as metric attribute values: lower case, as the conventions write enum values. */
const STATE_VALUES: readonly [NodeState, string][] = [
  [NodeState.ACTIVE, 'active'],
  [NodeState.QUARANTINED, 'quarantined'],
  [NodeState.DOWN, 'down'],
];

/** Attribute sets of one node, made once: attempts must not allocate them. */
interface NodeAttributes {
  node: Attributes;
  /** By `error.type`. */
  failed: Map<string, Attributes>;
  /** By state: the node's attributes and `alternator.node.state`. */
  states: Map<NodeState, Attributes>;
}

/**
 * The client's OpenTelemetry metrics, and its annotations of the active span. Made by
 * {@link AlternatorTelemetry.create}, which returns nothing when there is nothing to report to,
 * so a client without telemetry pays two property checks per attempt.
 */
export class AlternatorTelemetry implements ClusterTelemetry {
  private readonly requests: Counter;
  private readonly failures: Counter;
  private readonly duration: Histogram;
  private readonly nodeState: ObservableUpDownCounter;
  private readonly refreshes: Counter;
  private readonly discoveryErrors: Counter;
  private readonly nodeAttributes = new Map<TelemetryNode, NodeAttributes>();
  private readonly discoveryFailed = new Map<string, Attributes>();
  private nodes: (() => Iterable<TelemetryNode>) | undefined;

  private constructor(
    meter: Meter,
    private readonly activeSpan: (() => Span | undefined) | undefined,
  ) {
    this.requests = meter.createCounter('alternator.client.requests', {
      description: 'Attempts sent to a node; a request retried on another node counts on each',
      unit: '{request}',
    });
    this.failures = meter.createCounter('alternator.client.failures', {
      description:
        'Attempts a node did not answer (refused, reset, timed out) or answered with a 5xx status',
      unit: '{request}',
    });
    this.duration = meter.createHistogram('alternator.client.request.duration', {
      description: 'Duration of attempts on a node, from sending to the answer or the failure',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    });
    this.nodeState = meter.createObservableUpDownCounter('alternator.client.node.state', {
      description: 'Health state of each node: 1 for the state it is in, 0 for the others',
      unit: '{node}',
    });
    this.refreshes = meter.createCounter('alternator.client.discovery.refreshes', {
      description: 'Refreshes of the node list, successful or not',
      unit: '{refresh}',
    });
    this.discoveryErrors = meter.createCounter('alternator.client.discovery.errors', {
      description: 'Refreshes of the node list that found no usable answer',
      unit: '{refresh}',
    });
  }

  /**
   * Telemetry as `config` asks, or nothing when it is disabled or has nowhere to go: no
   * `meterProvider` was given and `@opentelemetry/api` is not installed. A broken API install is
   * logged and ignored: telemetry must never stop the client.
   */
  static create(
    config: ResolvedTelemetryConfig,
    logger: AlternatorLogger,
  ): AlternatorTelemetry | undefined {
    if (!config.enabled) return undefined;
    let api: OpenTelemetryApi | null;
    try {
      api = openTelemetryApi();
    } catch (error) {
      logger.warn(`Telemetry is off: @opentelemetry/api failed to load (${String(error)})`);
      return undefined;
    }
    const provider = config.meterProvider ?? api?.metrics.getMeterProvider();
    if (!provider) return undefined;
    const { trace } = api ?? {};
    const activeSpan = config.spanAttributes && trace ? () => trace.getActiveSpan() : undefined;
    return new AlternatorTelemetry(provider.getMeter(METER_NAME) as Meter, activeSpan);
  }

  attemptStarted(node: TelemetryNode, attempt: number): void {
    this.requests.add(1, this.attributesOf(node).node);
    const span = this.activeSpan?.();
    if (!span?.isRecording()) return;
    // Own keys rather than `server.address`: the active span may be the application's own (an
    // incoming HTTP request's, say), whose server is not this node.
    span.setAttribute('alternator.node', node.url);
    span.setAttribute('alternator.attempt', attempt);
    span.addEvent('alternator.attempt', {
      'server.address': node.address,
      'server.port': node.port,
      'alternator.attempt': attempt,
    });
  }

  attemptEnded(node: TelemetryNode, latencyMs: number, outcome: AttemptOutcome): void {
    const attributes = this.attributesOf(node);
    const errorType = failureType(outcome);
    if (errorType === undefined) {
      this.duration.record(latencyMs / 1000, attributes.node);
      return;
    }
    let failed = attributes.failed.get(errorType);
    if (!failed) {
      failed = { ...attributes.node, 'error.type': errorType };
      attributes.failed.set(errorType, failed);
    }
    this.duration.record(latencyMs / 1000, failed);
    this.failures.add(1, failed);
  }

  observeNodes(source: () => Iterable<TelemetryNode>): void {
    if (!this.nodes) this.nodeState.addCallback(this.reportStates);
    this.nodes = source;
  }

  discoveryEnded(error?: unknown): void {
    this.refreshes.add(1, DB_SYSTEM);
    if (error === undefined) return;
    const errorType = errorTypeOf(error);
    let attributes = this.discoveryFailed.get(errorType);
    if (!attributes) {
      attributes = { ...DB_SYSTEM, 'error.type': errorType };
      this.discoveryFailed.set(errorType, attributes);
    }
    this.discoveryErrors.add(1, attributes);
  }

  close(): void {
    if (this.nodes) this.nodeState.removeCallback(this.reportStates);
    this.nodes = undefined;
  }

  private readonly reportStates = (result: ObservableResult): void => {
    for (const node of this.nodes?.() ?? []) {
      const { states } = this.attributesOf(node);
      for (const [state, attributes] of states)
        result.observe(node.state === state ? 1 : 0, attributes);
    }
  };

  private attributesOf(node: TelemetryNode): NodeAttributes {
    let attributes = this.nodeAttributes.get(node);
    if (!attributes) {
      const base = { ...DB_SYSTEM, 'server.address': node.address, 'server.port': node.port };
      attributes = {
        node: base,
        failed: new Map(),
        states: new Map(
          STATE_VALUES.map(([state, value]) => [
            state,
            { ...base, 'alternator.node.state': value },
          ]),
        ),
      };
      this.nodeAttributes.set(node, attributes);
    }
    return attributes;
  }
}

/**
 * The `error.type` of an attempt that failed, or undefined when the node answered: any status
 * below 500 is an answer, and an abort by the caller says nothing about the node. A 5xx answer
 * is typed by its status code, as the HTTP conventions do.
 */
function failureType(outcome: AttemptOutcome): string | undefined {
  const status = 'statusCode' in outcome ? outcome.statusCode : statusOfError(outcome.error);
  if (status !== undefined) return status >= 500 ? String(status) : undefined;
  const { error } = outcome as { error: unknown };
  return isCallerAbort(error) ? undefined : errorTypeOf(error);
}

/** Class names that say nothing about what went wrong. */
const GENERIC_ERROR_NAMES = new Set(['Error', 'AggregateError']);

/**
 * A low-cardinality name for `error`: Node's error code (`ECONNREFUSED`), else its class name
 * when it has its own (`TimeoutError`), looked for in the error, then in what caused it (a failed
 * discovery wraps the last node's error); else `_OTHER`, the conventions' fallback.
 */
function errorTypeOf(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { code, name, cause, errors } = current as {
      code?: unknown;
      name?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string' && code !== '') return code;
    if (typeof name === 'string' && name !== '' && !GENERIC_ERROR_NAMES.has(name)) return name;
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return '_OTHER';
}
