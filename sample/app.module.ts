import { Module, ValidationPipe } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_PIPE } from '@nestjs/core';
import { AlternatorModule, alternatorConfigFromEnv } from '../lib/index.js';
import { EmbeddedCluster, EmbeddedClusterModule } from './embedded-cluster.js';
import { HealthModule } from './health/health.module.js';
import { ItemsModule } from './items/items.module.js';
import { NodesModule } from './nodes/nodes.module.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    AlternatorModule.forRootAsync({
      imports: [EmbeddedClusterModule],
      // EmbeddedCluster is injected so that, when it runs, its variables are set before they are read.
      inject: [ConfigService, EmbeddedCluster],
      useFactory: (config: ConfigService) =>
        alternatorConfigFromEnv((key) => config.get<string>(key)),
    }),
    ItemsModule,
    HealthModule,
    NodesModule,
  ],
  providers: [
    {
      provide: APP_PIPE,
      useValue: new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
      }),
    },
  ],
})
export class AppModule {}
