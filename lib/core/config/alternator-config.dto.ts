import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInstance,
  IsInt,
  IsOptional,
  IsString,
  ValidateBy,
  ValidateNested,
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
import { SealedCredentials } from '../sealed-credentials.js';
import { TlsConfig } from './tls-config.js';
import {
  HIGHEST_MAX_RESPONSE_BYTES,
  LOWEST_MAX_RESPONSE_BYTES,
} from '../transport/response-limits.js';
import { telemetryProblem } from './telemetry-config.js';

/** How `AlternatorConfig` is validated, here and in the Nest module. */
export const ALTERNATOR_CONFIG_VALIDATOR_OPTIONS: Readonly<ValidatorOptions> = Object.freeze({
  whitelist: true,
  forbidNonWhitelisted: true,
  stopAtFirstError: true,
});

/**
 * Options holding class instances (`telemetry` may hold a meter provider): checked as they are,
 * never rebuilt by the transform, which would strip their methods.
 */
const INSTANCE_OPTIONS = ['routingScope', 'tls', 'logger', 'telemetry'] as const;

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

export class CredentialsDto {
  @Check('isCredentialPart', CREDENTIAL_PART) accessKeyId!: string;
  @Check('isCredentialPart', CREDENTIAL_PART) secretAccessKey!: string;
  @IsOptional() @IsString() sessionToken?: string;
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
  @IsOptional() @ValidateNested() @Type(() => CredentialsDto) credentials?: CredentialsDto;
  @IsOptional() @Check('isRegion', nonEmptyStringProblem()) region?: string;

  @IsOptional()
  @IsInstance(TlsConfig, {
    message: '$property must be a TlsConfig, e.g. TlsConfig.systemDefault()',
  })
  tls?: TlsConfig;

  @IsOptional() @ValidateNested() @Type(() => KeyAffinityDto) keyAffinity?: KeyAffinityDto;
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
  @IsOptional() @ValidateNested() @Type(() => NodeHealthDto) nodeHealth?: NodeHealthDto;
  @IsOptional() @IsBoolean() latencyAwareRouting?: boolean;
  @IsOptional() @ValidateNested() @Type(() => HedgingDto) hedging?: HedgingDto;

  @IsOptional()
  @Check('isAlternatorLogger', (value) =>
    isAlternatorLogger(value)
      ? undefined
      : "$property must have log, warn and error methods (Nest's Logger fits)",
  )
  logger?: unknown;

  @IsOptional() @Check('isTelemetryConfig', telemetryProblem) telemetry?: unknown;
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
  const source = config as Record<string, unknown>;
  const plain: Record<string, unknown> = {
    ...source,
    credentials: credentialsToValidate(source.credentials),
  };
  for (const key of INSTANCE_OPTIONS) delete plain[key];
  const dto = plainToInstance(AlternatorConfigDto, plain);
  for (const key of INSTANCE_OPTIONS) {
    if (key in source) Object.assign(dto, { [key]: source[key] });
  }
  const errors = validateSync(dto, ALTERNATOR_CONFIG_VALIDATOR_OPTIONS);
  const problems = errors.flatMap((error) => describeError(error, ''));
  const failed = new Set(errors.map((error) => error.property));
  return [...problems, ...crossFieldProblems(dto, failed)];
}

/**
 * The plain object class-validator checks. Sealed credentials show their parts through getters
 * only. The AWS SDK marks credential objects it has used with `$`-prefixed keys (`$source`); an
 * object shared with a plain SDK client must still validate, so those keys are not option typos.
 */
function credentialsToValidate(credentials: unknown): unknown {
  if (credentials instanceof SealedCredentials) {
    const { accessKeyId, secretAccessKey, sessionToken } = credentials;
    return sessionToken === undefined
      ? { accessKeyId, secretAccessKey }
      : { accessKeyId, secretAccessKey, sessionToken };
  }
  if (typeof credentials !== 'object' || credentials === null) return credentials;
  return Object.fromEntries(Object.entries(credentials).filter(([key]) => !key.startsWith('$')));
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

/** Flattens nested errors, replacing the bare property name in each message by its path. */
function describeError(error: ValidationError, parentPath: string): string[] {
  if (parentPath === 'credentials' && error.constraints?.whitelistValidation) {
    // A key of the credentials object may be the secret pasted in the wrong place: never name it.
    return ['credentials may only hold accessKeyId, secretAccessKey and sessionToken'];
  }
  const path = parentPath ? `${parentPath}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) =>
    parentPath ? withPath(message, error.property, path) : message,
  );
  return [...own, ...(error.children ?? []).flatMap((child) => describeError(child, path))];
}

function withPath(message: string, property: string, path: string): string {
  const at = message.search(new RegExp(`(?<![\\w.$])${escapeRegExp(property)}(?![\\w$])`));
  return at < 0
    ? `${path}: ${message}`
    : message.slice(0, at) + path + message.slice(at + property.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
