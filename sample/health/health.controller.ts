import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { AlternatorHealthIndicator } from '../../lib/health/index.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly alternator: AlternatorHealthIndicator,
  ) {}

  /** 200 while at least one Alternator node is live, 503 otherwise. */
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.alternator.isHealthy('alternator')]);
  }
}
