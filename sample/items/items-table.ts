import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { InjectAlternatorClient, type AlternatorClient } from '../../lib/index.js';
import { ITEMS_TABLE } from './item.js';
import { SimilarItems } from './similar-items.js';

const ACTIVE_POLL_MS = 200;
const ACTIVE_WAIT_LIMIT_MS = 60_000;

/**
 * Creates the items table at start-up when it is missing, waits until it is ACTIVE, then has its
 * vector index prepared.
 */
@Injectable()
export class ItemsTable implements OnModuleInit {
  private readonly logger = new Logger(ItemsTable.name);

  constructor(
    @InjectAlternatorClient() private readonly client: AlternatorClient,
    private readonly similarItems: SimilarItems,
  ) {}

  async onModuleInit(): Promise<void> {
    if ((await this.status()) === undefined) await this.create();
    const deadline = Date.now() + ACTIVE_WAIT_LIMIT_MS;
    while ((await this.status()) !== 'ACTIVE') {
      if (Date.now() > deadline) throw new Error(`Table ${ITEMS_TABLE} did not become ACTIVE`);
      await sleep(ACTIVE_POLL_MS);
    }
    await this.similarItems.prepareIndex();
  }

  private async status(): Promise<string | undefined> {
    try {
      const { Table } = await this.client.send(
        new DescribeTableCommand({ TableName: ITEMS_TABLE }),
      );
      return Table?.TableStatus;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  private async create(): Promise<void> {
    try {
      await this.client.send(
        new CreateTableCommand({
          TableName: ITEMS_TABLE,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      this.logger.log(`Created table ${ITEMS_TABLE}`);
    } catch (error) {
      // Another instance of the app created it first.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
}
