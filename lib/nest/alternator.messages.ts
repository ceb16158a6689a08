/** Heading of option errors, so the user knows which registration to fix. */
export const alternatorOptionsContext = (name: string): string =>
  `AlternatorModule (cluster "${name}")`;

/** Heading of the module's own option checks, worded like the core's validation heading. */
export const invalidOptionsHeading = (name: string): string =>
  `Invalid Alternator configuration for ${alternatorOptionsContext(name)}`;

/** Heading of errors in the registration call itself, raised before any factory runs. */
export const registrationContext = (method: string, name?: string): string =>
  `Invalid AlternatorModule.${method} registration` + (name ? ` (cluster "${name}")` : '');

export const invalidClusterNameProblem = (name: unknown): string =>
  `name must be a non-empty string, got ${describeValue(name)}; omit it to register the default cluster`;

export const missingOptionsSourceProblem = (): string =>
  'give one of useFactory, useClass or useExisting to build the options';

export const conflictingOptionsSourcesProblem = (given: readonly string[]): string =>
  `give only one of useFactory, useClass or useExisting, not ${given.join(' and ')}`;

export const optionsNotAnObjectProblem = (value: unknown): string =>
  `the options factory must return an options object, got ${describeValue(value)}`;

export const structuralOptionFromFactoryProblem = (key: string): string =>
  `${key} must not be returned by the options factory: set it on forRootAsync({ ${key}, ... }) ` +
  'itself, because tokens and scope are fixed before the factory runs';

export const lifecycleStepFailedMessage = (name: string, step: string, error: unknown): string =>
  `Cluster "${name}": ${step} failed: ${error instanceof Error ? error.message : String(error)}`;

/** The type of a wrong value and, for short strings, the value itself (names are never secrets). */
function describeValue(value: unknown): string {
  if (typeof value === 'string')
    return value.length <= 40 ? JSON.stringify(value) : 'a long string';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
