// An ESM application: the API's ESM build here, while the package loads the API itself.
import { createRequire } from 'node:module';
import { metrics } from '@opentelemetry/api';
import * as sdk from '@opentelemetry/sdk-metrics';
import * as core from 'nestjs-alternator/core';
import * as testing from 'nestjs-alternator/testing';

const checkMetrics = createRequire(import.meta.url)('./check-metrics.cjs');
await checkMetrics({ metrics, sdk, core, testing, label: 'the ESM build' });
