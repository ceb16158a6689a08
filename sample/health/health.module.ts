import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AlternatorHealthModule } from '../../lib/health/index.js';
import { HealthController } from './health.controller.js';

@Module({
  imports: [TerminusModule, AlternatorHealthModule],
  controllers: [HealthController],
})
export class HealthModule {}
