import type pg from "pg";
import Cursor from "pg-cursor";

const DEFAULT_BATCH_SIZE = 1000;

/**
 * Yield a query's rows through a server-side cursor, `batchSize` rows per round trip, so only
 * one batch is in memory at a time. The cursor is closed when the caller stops early.
 */
export async function* readQueryRows<Row>(client: pg.ClientBase, text: string, values: unknown[], batchSize = DEFAULT_BATCH_SIZE): AsyncGenerator<Row[]> {
  const cursor = client.query(new Cursor<Row>(text, values));
  try {
    while (true) {
      const rows = await cursor.read(batchSize);
      if (rows.length === 0) {
        return;
      }
      yield rows;
    }
  } finally {
    await cursor.close();
  }
}
