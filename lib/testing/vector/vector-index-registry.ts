import type { VectorIndexDefinition } from './vector-index-definition.js';

export type VectorIndexStatus = 'CREATING' | 'ACTIVE';

export interface RegisteredVectorIndex {
  readonly definition: VectorIndexDefinition;
  /** Epoch milliseconds at which the index turns ACTIVE. */
  readonly activeAt: number;
  /** Added to an existing table by UpdateTable: it backfills while CREATING. */
  readonly backfills: boolean;
}

export interface VectorIndexState {
  IndexStatus: VectorIndexStatus;
  /** Only while an index added by UpdateTable is CREATING; ACTIVE never carries it. */
  Backfilling?: true;
}

interface TableVectorState {
  indexes: RegisteredVectorIndex[];
  /** AttributeDefinitions used only by SearchSchemas: dynalite refuses unused definitions. */
  searchAttributeTypes: Map<string, string>;
}

/**
 * The side registry of vector indexes per table (dynalite drops them), shared by every node of
 * a cluster. An index is CREATING for `activationDelayMs` after its creation, then ACTIVE.
 */
export class VectorIndexRegistry {
  private readonly tables = new Map<string, TableVectorState>();

  constructor(
    private readonly activationDelayMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True while no table has a vector index: the fast path for every other request. */
  isEmpty(): boolean {
    return this.tables.size === 0;
  }

  indexesOf(table: string): readonly RegisteredVectorIndex[] {
    return this.tables.get(table)?.indexes ?? [];
  }

  definitionsOf(table: string): VectorIndexDefinition[] {
    return this.indexesOf(table).map((index) => index.definition);
  }

  find(table: string, indexName: string): RegisteredVectorIndex | undefined {
    return this.indexesOf(table).find((index) => index.definition.indexName === indexName);
  }

  searchAttributeTypes(table: string): ReadonlyMap<string, string> {
    return this.tables.get(table)?.searchAttributeTypes ?? new Map<string, string>();
  }

  /** A new table's indexes (CreateTable); replaces whatever a dropped table of that name left. */
  createTable(
    table: string,
    definitions: VectorIndexDefinition[],
    searchAttributeTypes: ReadonlyMap<string, string>,
  ): RegisteredVectorIndex[] {
    this.tables.delete(table);
    if (definitions.length === 0) {
      return [];
    }
    const activeAt = this.now() + this.activationDelayMs;
    const indexes = definitions.map((definition) => ({ definition, activeAt, backfills: false }));
    this.tables.set(table, { indexes, searchAttributeTypes: new Map(searchAttributeTypes) });
    return indexes;
  }

  /** An index added to an existing table (UpdateTable Create). */
  add(
    table: string,
    definition: VectorIndexDefinition,
    searchAttributeTypes: ReadonlyMap<string, string>,
  ): RegisteredVectorIndex {
    const state: TableVectorState = this.tables.get(table) ?? {
      indexes: [],
      searchAttributeTypes: new Map<string, string>(),
    };
    const index = { definition, activeAt: this.now() + this.activationDelayMs, backfills: true };
    state.indexes.push(index);
    searchAttributeTypes.forEach((type, name) => state.searchAttributeTypes.set(name, type));
    this.tables.set(table, state);
    return index;
  }

  /** Removes an index (UpdateTable Delete); false when the table has no such index. */
  remove(table: string, indexName: string): boolean {
    const state = this.tables.get(table);
    const position =
      state?.indexes.findIndex((index) => index.definition.indexName === indexName) ?? -1;
    if (state === undefined || position < 0) {
      return false;
    }
    state.indexes.splice(position, 1);
    const stillSearched = new Set(
      state.indexes.flatMap((index) => index.definition.searchSchema.map((e) => e.attributeName)),
    );
    for (const name of state.searchAttributeTypes.keys()) {
      if (!stillSearched.has(name)) {
        state.searchAttributeTypes.delete(name);
      }
    }
    if (state.indexes.length === 0) {
      this.tables.delete(table);
    }
    return true;
  }

  dropTable(table: string): void {
    this.tables.delete(table);
  }

  stateOf(index: RegisteredVectorIndex): VectorIndexState {
    return this.now() >= index.activeAt ? { IndexStatus: 'ACTIVE' } : this.creatingStateOf(index);
  }

  /** The state a create response shows, even when the index is already ACTIVE (delay 0). */
  creatingStateOf(index: RegisteredVectorIndex): VectorIndexState {
    return index.backfills
      ? { IndexStatus: 'CREATING', Backfilling: true }
      : { IndexStatus: 'CREATING' };
  }
}
