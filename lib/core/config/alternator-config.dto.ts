import 'reflect-metadata';
import { Exclude, Expose, plainToInstance, Transform, Type } from 'class-transformer';
import {
  Allow,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInstance,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  ValidateBy,
  ValidateNested,
  ValidationTypes,
  validateSync,
  type ValidationArguments,
  type ValidationError,
  type ValidatorOptions,
} from 'class-validator';
import { ALTERNATOR_CONFIG_DEFAULTS as DEFAULTS } from './alternator-config.defaults.js';
import {
  headerListProblem,
  intProblem,
  isAlternatorLogger,
  nonEmptyStringProblem,
  percentProblem,
  seedHostsProblem,
  tablePkMapProblem,
} from './config-checks.js';
import { CompressionAlgorithm } from './compression-algorithm.js';
import { KeyRouteAffinityMode } from './key-route-affinity.js';
import { RoutingScope } from './routing-scope.js';
import { TlsConfig } from './tls-config.js';
import {
  HIGHEST_MAX_RESPONSE_BYTES,
  LOWEST_MAX_RESPONSE_BYTES,
} from '../transport/response-limits.js';
import { telemetryProblem } from './telemetry-config.js';

const VALIDATOR_OPTIONS: Readonly<ValidatorOptions> = Object.freeze({
  whitelist: true,
  forbidNonWhitelisted: true,
  stopAtFirstError: true,
});

/** One decorator applying `decorators` in turn. */
function allOf(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };
}

/** Stand-in type with no field to copy, so class-transformer builds nothing for the value. */
@Exclude()
class KeptAsGiven {}

/**
 * The option reaches class-validator as the very value given. Otherwise class-transformer calls
 * the value's constructor without arguments and copies its fields, which fails for options holding
 * class instances: `new RackScope()` throws, a logger referring to itself overflows the stack, an
 * OpenTelemetry `MeterProvider` throws `Cannot read properties of undefined`.
 */
const AsGiven = (): PropertyDecorator =>
  allOf(
    Type(() => KeptAsGiven),
    Transform(({ obj, key }) => (obj as Record<string, unknown>)[key], { toClassOnly: true }),
  );

/** An options object checked by its own DTO (class-validator would also walk an array). */
const Nested = (dto: () => new () => object): PropertyDecorator =>
  allOf(IsObject(), ValidateNested(), Type(dto));

/**
 * A class-validator decorator from a function that returns the problem (`$property` stands for
 * the option) or `undefined`. One check per option, so `stopAtFirstError` never has to choose
 * between two messages.
 */
function Check(name: string, problem: (value: unknown) => string | undefined): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => problem(value) === undefined,
      defaultMessage: (args?: ValidationArguments) => problem(args?.value) ?? '',
    },
  });
}

const Int = (min: number, max?: number) => Check('isIntInRange', intProblem(min, max));

const CREDENTIAL_PART = nonEmptyStringProblem(
  '$property is required: credentials need both accessKeyId and secretAccessKey',
);

/** `@Expose` reads each part even where it is a getter, as on `SealedCredentials`. */
export class CredentialsDto {
  @Expose() @Check('isCredentialPart', CREDENTIAL_PART) accessKeyId!: string;
  @Expose() @Check('isCredentialPart', CREDENTIAL_PART) secretAccessKey!: string;
  @Expose() @IsOptional() @IsString() sessionToken?: string;
  /** The AWS SDK marks a credentials object it has used with `$source`: not an option typo. */
  @Allow() $source?: unknown;
}

export class KeyAffinityDto {
  @IsEnum(KeyRouteAffinityMode) mode!: KeyRouteAffinityMode;
  @IsOptional() @Check('isTablePkMap', tablePkMapProblem) tablePkMap?: Record<string, string>;
  @IsOptional() @IsIn(['default', 'rendezvous']) hashing?: 'default' | 'rendezvous';
}

export class NodeHealthDto {
  @IsOptional() @IsBoolean() enabled?: boolean;
  // The spec raises thresholds below one to one, so any integer is accepted here.
  @IsOptional() @IsInt() activeFailureThreshold?: number;
  @IsOptional() @IsInt() downRecoveryThreshold?: number;
  @IsOptional() @IsInt() quarantinePromotionThreshold?: number;
  @IsOptional() @IsInt() quarantineFailureThreshold?: number;
  @IsOptional() @Int(1) backgroundProbePeriodMs?: number;
  @IsOptional() @Int(1, 64) probeConcurrency?: number;
  @IsOptional() @Int(1) probeTimeoutMs?: number;
}

export class HedgingDto {
  @Int(1) afterMs!: number;
  @IsOptional() @Check('isPercent', percentProblem) maxExtraPercent?: number;
}

export class AlternatorConfigDto {
  @Check('isSeedHostList', seedHostsProblem) seedHosts!: string[];
  @Int(1, 65535) port!: number;
  @IsOptional() @IsIn(['http', 'https']) scheme?: 'http' | 'https';

  @IsOptional()
  @AsGiven()
  @Check('isRoutingScope', (value) =>
    value instanceof RoutingScope
      ? undefined
      : '$property must be a ClusterScope, DatacenterScope or RackScope',
  )
  routingScope?: RoutingScope;

  @IsOptional() @IsEnum(CompressionAlgorithm) compression?: CompressionAlgorithm;
  @IsOptional() @Int(0) minCompressionSizeBytes?: number;

  @IsOptional()
  @IsArray()
  @IsIn([CompressionAlgorithm.GZIP, CompressionAlgorithm.DEFLATE], {
    each: true,
    message: '$property may only list CompressionAlgorithm.GZIP and CompressionAlgorithm.DEFLATE',
  })
  responseCompression?: CompressionAlgorithm[];
  @IsOptional() @IsBoolean() optimizeHeaders?: boolean;
  @IsOptional() @Check('isHeaderList', headerListProblem) headersWhitelist?: string[];
  @IsOptional() @IsBoolean() authenticationEnabled?: boolean;
  @IsOptional() @Nested(() => CredentialsDto) credentials?: CredentialsDto;
  @IsOptional() @Check('isRegion', nonEmptyStringProblem()) region?: string;

  @IsOptional()
  @AsGiven()
  @IsInstance(TlsConfig, {
    message: '$property must be a TlsConfig, e.g. TlsConfig.systemDefault()',
  })
  tls?: TlsConfig;

  @IsOptional() @Nested(() => KeyAffinityDto) keyAffinity?: KeyAffinityDto;
  @IsOptional() @Int(1) maxPoolConnections?: number;
  @IsOptional() @Int(1) activeRefreshIntervalMs?: number;
  @IsOptional() @Int(1) idleRefreshIntervalMs?: number;
  @IsOptional() @Int(1) discoveryTimeoutMs?: number;
  @IsOptional() @Int(1) connectTimeoutMs?: number;
  @IsOptional() @Int(1) requestTimeoutMs?: number;
  @IsOptional() @Int(1) maxAttempts?: number;
  @IsOptional()
  @Int(LOWEST_MAX_RESPONSE_BYTES, HIGHEST_MAX_RESPONSE_BYTES)
  maxResponseBytes?: number;
  @IsOptional() @Nested(() => NodeHealthDto) nodeHealth?: NodeHealthDto;
  @IsOptional() @IsBoolean() latencyAwareRouting?: boolean;
  @IsOptional() @Nested(() => HedgingDto) hedging?: HedgingDto;

  @IsOptional()
  @AsGiven()
  @Check('isAlternatorLogger', (value) =>
    isAlternatorLogger(value)
      ? undefined
      : "$property must have log, warn and error methods (Nest's Logger fits)",
  )
  logger?: unknown;

  @IsOptional() @AsGiven() @Check('isTelemetryConfig', telemetryProblem) telemetry?: unknown;
}

/**
 * Every problem of an `AlternatorConfig`, each naming the option by its path
 * (`nodeHealth.probeTimeoutMs must not be less than 1`). Values are never quoted, except seed
 * hosts and numbers, so no secret can leak into a log. Empty when the config is valid.
 */
export function validateAlternatorConfig(config: unknown): string[] {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return ['the configuration must be an object with at least seedHosts and port'];
  }
  const dto = plainToInstance(AlternatorConfigDto, config);
  const errors = validateSync(dto, VALIDATOR_OPTIONS);
  const problems = errors.flatMap((error) => describeError(error));
  const failed = new Set(errors.map((error) => error.property));
  return [...problems, ...crossFieldProblems(dto, failed)];
}

/** Checks that span options; skipped for options that already failed on their own. */
function crossFieldProblems(dto: AlternatorConfigDto, failed: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (!failed.has('activeRefreshIntervalMs') && !failed.has('idleRefreshIntervalMs')) {
    const active = dto.activeRefreshIntervalMs ?? DEFAULTS.activeRefreshIntervalMs;
    const idle = dto.idleRefreshIntervalMs ?? DEFAULTS.idleRefreshIntervalMs;
    if (idle < active) {
      problems.push(
        `idleRefreshIntervalMs (${idle}) must not be less than activeRefreshIntervalMs (${active})`,
      );
    }
  }
  if (dto.hedging && !failed.has('hedging') && !failed.has('requestTimeoutMs')) {
    const request = dto.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
    if (dto.hedging.afterMs >= request) {
      problems.push(
        `hedging.afterMs (${dto.hedging.afterMs}) must be less than requestTimeoutMs (${request}), ` +
          'or no read would ever be hedged',
      );
    }
  }
  return problems;
}

/**
 * Flattens nested errors as Nest's `ValidationPipe` does: every message starts with its own
 * option (`$property must ...`), so the parent's path goes in front of it.
 */
function describeError(error: ValidationError, parentPath?: string): string[] {
  const path = parentPath === undefined ? error.property : `${parentPath}.${error.property}`;
  const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => {
    if (constraint === ValidationTypes.WHITELIST) return unknownOptionProblem(path, parentPath);
    return parentPath === undefined ? message : `${parentPath}.${message}`;
  });
  return [...own, ...(error.children ?? []).flatMap((child) => describeError(child, path))];
}

function unknownOptionProblem(path: string, parentPath: string | undefined): string {
  // A key of the credentials object may be the secret pasted in the wrong place: never name it.
  return parentPath === 'credentials'
    ? 'credentials may only hold accessKeyId, secretAccessKey and sessionToken'
    : `property ${path} should not exist`;
}
