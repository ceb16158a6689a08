import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { InjectAlternatorDocumentClient } from '../../lib/index.js';
import type { CreateItemDto } from './dto/create-item.dto.js';
import type { UpdateItemDto } from './dto/update-item.dto.js';
import { ITEMS_TABLE, type Item } from './item.js';

/** A page of items; pass `nextAfter` as `after` to get the next page. */
export interface ItemPage {
  items: Item[];
  nextAfter?: string;
}

@Injectable()
export class ItemsService {
  constructor(
    @InjectAlternatorDocumentClient() private readonly documents: DynamoDBDocumentClient,
  ) {}

  async create(dto: CreateItemDto): Promise<Item> {
    const item: Item = {
      id: randomUUID(),
      name: dto.name,
      quantity: dto.quantity ?? 0,
      version: 1,
      updatedAt: new Date().toISOString(),
    };
    await this.documents.send(
      new PutCommand({
        TableName: ITEMS_TABLE,
        Item: item,
        ConditionExpression: 'attribute_not_exists(id)',
      }),
    );
    return item;
  }

  async get(id: string): Promise<Item> {
    const item = await this.find(id);
    if (!item) throw new NotFoundException(`Item ${id} not found`);
    return item;
  }

  async list(limit: number, after?: string): Promise<ItemPage> {
    const page = await this.documents.send(
      new ScanCommand({
        TableName: ITEMS_TABLE,
        Limit: limit,
        ExclusiveStartKey: after ? { id: after } : undefined,
      }),
    );
    const nextAfter = page.LastEvaluatedKey?.id as string | undefined;
    return { items: (page.Items ?? []) as Item[], ...(nextAfter ? { nextAfter } : {}) };
  }

  /** Applies the change only if nobody updated the item since `expectedVersion` (409 otherwise). */
  async update(id: string, dto: UpdateItemDto): Promise<Item> {
    const changes = { name: dto.name, quantity: dto.quantity };
    const fields = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (fields.length === 0) throw new BadRequestException('Give name and/or quantity to change');
    const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = {
      ':expected': dto.expectedVersion,
      ':one': 1,
      ':now': new Date().toISOString(),
    };
    const assignments = ['#version = #version + :one', '#updatedAt = :now'];
    for (const [field, value] of fields) {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      assignments.push(`#${field} = :${field}`);
    }
    try {
      const { Attributes } = await this.documents.send(
        new UpdateCommand({
          TableName: ITEMS_TABLE,
          Key: { id },
          UpdateExpression: `SET ${assignments.join(', ')}`,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes as Item;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.get(id);
      throw new ConflictException(
        `Item ${id} is at version ${current.version}, not ${dto.expectedVersion}: reload it and retry`,
      );
    }
  }

  private async find(id: string): Promise<Item | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: ITEMS_TABLE, Key: { id }, ConsistentRead: true }),
    );
    return Item as Item | undefined;
  }
}
