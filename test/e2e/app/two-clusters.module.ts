import { Injectable, Module, type DynamicModule } from '@nestjs/common';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  AlternatorModule,
  InjectAlternatorClient,
  InjectAlternatorCluster,
  InjectAlternatorDocumentClient,
  type AlternatorClient,
  type AlternatorCluster,
  type AlternatorConfig,
} from '../../../lib/index.js';

@Injectable()
export class OrdersStore {
  constructor(
    @InjectAlternatorClient('orders') readonly client: AlternatorClient,
    @InjectAlternatorDocumentClient('orders') readonly documents: DynamoDBDocumentClient,
    @InjectAlternatorCluster('orders') readonly cluster: AlternatorCluster,
  ) {}
}

@Injectable()
export class BillingStore {
  constructor(
    @InjectAlternatorClient('billing') readonly client: AlternatorClient,
    @InjectAlternatorDocumentClient('billing') readonly documents: DynamoDBDocumentClient,
    @InjectAlternatorCluster('billing') readonly cluster: AlternatorCluster,
  ) {}
}

/** An app with two named clusters: one registered with forRoot, one with forRootAsync. */
@Module({})
export class TwoClustersModule {
  static register(orders: AlternatorConfig, billing: AlternatorConfig): DynamicModule {
    return {
      module: TwoClustersModule,
      imports: [
        AlternatorModule.forRoot({ name: 'orders', ...orders }),
        AlternatorModule.forRootAsync({ name: 'billing', useFactory: () => billing }),
      ],
      providers: [OrdersStore, BillingStore],
    };
  }
}
