import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  TerminusModule,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { AlternatorModule, type AlternatorConfig } from '../../../lib/index.js';
import { AlternatorHealthIndicator, AlternatorHealthModule } from '../../../lib/health/index.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly alternator: AlternatorHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.alternator.isHealthy('alternator')]);
  }
}

/** An HTTP app exposing GET /health for one cluster. */
@Module({})
export class HealthAppModule {
  static register(config: AlternatorConfig): DynamicModule {
    return {
      module: HealthAppModule,
      imports: [
        AlternatorModule.forRoot(config),
        TerminusModule.forRoot({ logger: false }),
        AlternatorHealthModule,
      ],
      controllers: [HealthController],
    };
  }
}
