declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** Milliseconds a new table stays CREATING. Default: 500 */
    createTableMs?: number;
    /** Milliseconds a deleted table stays DELETING. Default: 500 */
    deleteTableMs?: number;
    /** Milliseconds an updated table stays UPDATING. Default: 500 */
    updateTableMs?: number;
    /** Maximum item size in KB. Default: 400 */
    maxItemSizeKb?: number;
    /** LevelDB directory. Default: in memory */
    path?: string;
  }

  function dynalite(options?: DynaliteOptions): Server;
  export default dynalite;
}
