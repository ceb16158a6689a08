/**
 * Where the client reports discovery, health and configuration events. Nest's `Logger` fits.
 *
 * @publicApi
 */
export interface AlternatorLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug?(message: string): void;
}

/**
 * The logger used when none is configured: warnings and errors go to stderr with an
 * `[Alternator]` prefix; routine events are dropped so a library stays quiet on stdout.
 */
export class StderrAlternatorLogger implements AlternatorLogger {
  log(): void {}

  debug(): void {}

  warn(message: string): void {
    process.stderr.write(`[Alternator] WARN ${message}\n`);
  }

  error(message: string): void {
    process.stderr.write(`[Alternator] ERROR ${message}\n`);
  }
}
