import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { SearchVectorsCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  InjectAlternatorClient,
  InjectAlternatorDocumentClient,
  type AlternatorClient,
} from '../../lib/index.js';
import {
  probeVectorSearchSupport,
  VectorDocumentQueryCommand,
  VectorUpdateTableCommand,
  waitForVectorIndexActive,
} from '../../lib/vector/index.js';
import { EMBEDDING_DIMENSIONS } from './item-embedding.js';
import { ITEMS_TABLE, type Item } from './item.js';

const INDEX = 'items_by_name';

/** An item and how close its name is to the one asked about: 1 same direction, 0 opposite. */
export interface SimilarItem {
  id: string;
  name: string;
  similarity: number;
}

/**
 * Nearest neighbours of an item by name embedding, over whichever vector-search API the server
 * speaks: DynamoDB's (`SearchVectors`, ScyllaDB 2026.4+, the embedded cluster's default) or
 * ScyllaDB 2026.2/2026.3's (`Query` + `VectorSearch`). Both rank by cosine; both scores are
 * turned into one similarity, (1 + cosine) / 2.
 */
@Injectable()
export class SimilarItems {
  private readonly logger = new Logger(SimilarItems.name);
  private api: 'SearchVectors' | 'Query' | undefined;
  private unavailable = 'the vector index is not set up yet';

  constructor(
    @InjectAlternatorClient() private readonly client: AlternatorClient,
    @InjectAlternatorDocumentClient() private readonly documents: DynamoDBDocumentClient,
  ) {}

  /** Creates the vector index if needed and waits until it can be searched. Never throws. */
  async prepareIndex(): Promise<void> {
    try {
      const support = await probeVectorSearchSupport(this.client, { probeTable: ITEMS_TABLE });
      this.api = support.searchVectors
        ? 'SearchVectors'
        : support.vectorIndexes
          ? 'Query'
          : undefined;
      if (this.api === undefined) throw new Error(`the server has ${support.summary}`);
      await this.createIndex().catch((error: Error) => {
        if (!/already exists|Duplicate/i.test(error.message)) throw error;
      });
      await waitForVectorIndexActive(this.client, ITEMS_TABLE, INDEX, { timeoutMs: 120_000 });
      this.logger.log(`Vector index ${INDEX} is ACTIVE (${support.summary})`);
    } catch (error) {
      this.api = undefined;
      this.unavailable = (error as Error).message;
      this.logger.warn(`GET /items/:id/similar is disabled: ${this.unavailable}`);
    }
  }

  async similarTo(
    item: Item & { embedding: Float32Array | number[] },
    limit: number,
  ): Promise<SimilarItem[]> {
    const vector = Float32Array.from(item.embedding);
    const found = await this.nearest(vector, limit + 1);
    return found.filter((candidate) => candidate.id !== item.id).slice(0, limit);
  }

  private async nearest(vector: Float32Array, k: number): Promise<SimilarItem[]> {
    if (this.api === 'SearchVectors') {
      const { SearchResults = [] } = await this.documents.send(
        new SearchVectorsCommand({
          TableName: ITEMS_TABLE,
          IndexName: INDEX,
          SearchVector: Array.from(vector),
          TopK: k,
        }),
      );
      // SearchVectors scores COSINE as a distance, 1 - cosine.
      return SearchResults.map(({ Item, Score = 2 }) => summary(Item, 1 - Score / 2));
    }
    if (this.api === 'Query') {
      const { Items = [], Scores = [] } = await this.documents.send(
        new VectorDocumentQueryCommand({
          TableName: ITEMS_TABLE,
          IndexName: INDEX,
          Limit: k,
          Select: 'ALL_ATTRIBUTES',
          VectorSearch: { QueryVector: vector, ReturnScores: 'SIMILARITY' },
        }),
      );
      return Items.map((found, i) => summary(found, Scores[i] ?? Number.NaN));
    }
    throw new ServiceUnavailableException(`Similarity search is unavailable: ${this.unavailable}`);
  }

  private createIndex(): Promise<unknown> {
    if (this.api === 'SearchVectors') {
      const Create = {
        IndexName: INDEX,
        VectorAttribute: { AttributeName: 'embedding' },
        Dimensions: EMBEDDING_DIMENSIONS,
        DistanceFunction: 'COSINE' as const,
        Projection: { ProjectionType: 'ALL' as const },
      };
      return this.client.send(
        new UpdateTableCommand({ TableName: ITEMS_TABLE, VectorIndexUpdates: [{ Create }] }),
      );
    }
    const Create = {
      IndexName: INDEX,
      VectorAttribute: { AttributeName: 'embedding', Dimensions: EMBEDDING_DIMENSIONS },
    };
    return this.client.send(
      new VectorUpdateTableCommand({ TableName: ITEMS_TABLE, VectorIndexUpdates: [{ Create }] }),
    );
  }
}

function summary(item: Record<string, unknown> | undefined, similarity: number): SimilarItem {
  return {
    id: String(item?.id),
    name: String(item?.name),
    similarity: Math.round(similarity * 1e4) / 1e4,
  };
}
