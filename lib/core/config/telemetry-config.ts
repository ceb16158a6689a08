/**
 * The part of an OpenTelemetry `MeterProvider` the client uses. Declared here rather than imported
 * from `@opentelemetry/api`, so the package's types compile where that optional peer is not
 * installed; any `MeterProvider` (from `@opentelemetry/sdk-metrics` or the API) fits.
 *
 * @publicApi
 */
export interface TelemetryMeterProvider {
  getMeter(name: string, version?: string, options?: { schemaUrl?: string }): object;
}

/**
 * OpenTelemetry for one client. It only does something when `@opentelemetry/api` is installed
 * (an optional peer dependency), or when a `meterProvider` is given.
 *
 * @publicApi
 */
export interface AlternatorTelemetryConfig {
  /** Record metrics and annotate spans. Default: `true` */
  enabled?: boolean;
  /**
   * Where the metrics go. Default: the global `MeterProvider` of `@opentelemetry/api`, the one an
   * OpenTelemetry SDK registers (a no-op until one does)
   */
  meterProvider?: TelemetryMeterProvider;
  /**
   * Put the node and the attempt number of each attempt on the active span, such as the one
   * `@opentelemetry/instrumentation-aws-sdk` opens around a command. Default: `true`
   */
  spanAttributes?: boolean;
}

/** {@link AlternatorTelemetryConfig} with its defaults applied. */
export interface ResolvedTelemetryConfig {
  enabled: boolean;
  /** Absent: the global provider. */
  meterProvider?: TelemetryMeterProvider;
  spanAttributes: boolean;
}

export function resolveTelemetryConfig(
  config: AlternatorTelemetryConfig | undefined,
): ResolvedTelemetryConfig {
  return {
    enabled: config?.enabled ?? true,
    ...(config?.meterProvider && { meterProvider: config.meterProvider }),
    spanAttributes: config?.spanAttributes ?? true,
  };
}

const TELEMETRY_OPTIONS = new Set(['enabled', 'meterProvider', 'spanAttributes']);

/** Why `value` is not a usable `telemetry` option, or `undefined` when it is. */
export function telemetryProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'telemetry must be an object, e.g. { enabled: false }';
  }
  const options = value as Record<string, unknown>;
  const unknown = Object.keys(options).filter((key) => !TELEMETRY_OPTIONS.has(key));
  if (unknown.length > 0) {
    return `telemetry has unknown options (${unknown.join(', ')}); it takes ${[...TELEMETRY_OPTIONS].join(', ')}`;
  }
  for (const flag of ['enabled', 'spanAttributes']) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') {
      return `telemetry.${flag} must be a boolean value`;
    }
  }
  const provider = options.meterProvider;
  if (
    provider !== undefined &&
    (typeof provider !== 'object' ||
      provider === null ||
      typeof (provider as { getMeter?: unknown }).getMeter !== 'function')
  ) {
    return 'telemetry.meterProvider must be an OpenTelemetry MeterProvider (with getMeter)';
  }
  return undefined;
}
