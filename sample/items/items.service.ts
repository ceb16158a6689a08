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
import { embedName } from './item-embedding.js';
import { ITEMS_TABLE, type Item } from './item.js';
import { SimilarItems, type SimilarItem } from './similar-items.js';

/** A page of items; pass `nextAfter` as `after` to get the next page. */
export interface ItemPage {
  items: Item[];
  nextAfter?: string;
}

@Injectable()
export class ItemsService {
  constructor(
    @InjectAlternatorDocumentClient() private readonly documents: DynamoDBDocumentClient,
    private readonly similarItems: SimilarItems,
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
        // The name's embedding is stored with the item, for GET /items/:id/similar.
        Item: { ...item, embedding: embedName(item.name) },
        ConditionExpression: 'attribute_not_exists(id)',
      }),
    );
    return item;
  }

  async get(id: string): Promise<Item> {
    return withoutEmbedding(await this.stored(id));
  }

  /** The `limit` items whose names are most similar to this item's. */
  async similar(id: string, limit: number): Promise<SimilarItem[]> {
    return this.similarItems.similarTo(await this.stored(id), limit);
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
    const items = (page.Items ?? []).map((stored) => withoutEmbedding(stored as StoredItem));
    return { items, ...(nextAfter ? { nextAfter } : {}) };
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
    if (dto.name !== undefined) {
      names['#embedding'] = 'embedding';
      values[':embedding'] = embedName(dto.name);
      assignments.push('#embedding = :embedding');
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
      return withoutEmbedding(Attributes as StoredItem);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.get(id);
      throw new ConflictException(
        `Item ${id} is at version ${current.version}, not ${dto.expectedVersion}: reload it and retry`,
      );
    }
  }

  private async stored(id: string): Promise<StoredItem> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: ITEMS_TABLE, Key: { id }, ConsistentRead: true }),
    );
    if (!Item) throw new NotFoundException(`Item ${id} not found`);
    return Item as StoredItem;
  }
}

/** An item as stored: with its name's embedding (a list of numbers on the wire). */
type StoredItem = Item & { embedding: number[] };

function withoutEmbedding({ embedding: _embedding, ...item }: StoredItem): Item {
  return item;
}
