import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AlternatorHealthIndicator } from './alternator.health.js';

/**
 * Provides {@link AlternatorHealthIndicator}. It finds clusters registered anywhere in the
 * application, so import it next to `TerminusModule` in the module of your health controller.
 * @publicApi
 */
@Module({
  imports: [TerminusModule],
  providers: [AlternatorHealthIndicator],
  exports: [AlternatorHealthIndicator],
})
export class AlternatorHealthModule {}
