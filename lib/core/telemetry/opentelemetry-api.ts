import { createRequire } from 'node:module';
import type * as OpenTelemetry from '@opentelemetry/api';

export type OpenTelemetryApi = typeof OpenTelemetry;

/** Undefined until first asked; null when the API is not installed. */
let api: OpenTelemetryApi | null | undefined;

/**
 * `@opentelemetry/api`, or null where the application has not installed it (it is an optional
 * peer dependency, so nothing may import it statically). It is required synchronously because
 * clients are made synchronously, and resolved from this file, as an import of it would be.
 *
 * Both builds of this package end up here: the ESM build through `import.meta.url`, the
 * CommonJS one through the bundler's shim of it. Either may load the API's CommonJS build while
 * the application imports its ESM build: that is harmless, because the API keeps the registered
 * providers and context manager on `globalThis`, shared by every copy of one major version.
 *
 * @throws whatever the API's module throws while loading, other than not being found
 */
export function openTelemetryApi(): OpenTelemetryApi | null {
  if (api === undefined) {
    try {
      api = createRequire(import.meta.url)('@opentelemetry/api') as OpenTelemetryApi;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
      api = null;
    }
  }
  return api;
}
