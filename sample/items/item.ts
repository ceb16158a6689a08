/** One stored item. `version` grows by one on every update, for optimistic concurrency. */
export interface Item {
  id: string;
  name: string;
  quantity: number;
  version: number;
  updatedAt: string;
}

export const ITEMS_TABLE = 'sample_items';
