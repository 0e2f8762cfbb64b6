import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The SQLite database that holds read models, projection checkpoints and idempotency records.
 * It is the same file as the embedded event store (a separate connection), and a file of its
 * own when events live in EventStoreDB. Read models can always be rebuilt from the log.
 */
export class ReadDatabase {
  readonly db: Database.Database;

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 10000');
    // Read models and checkpoints commit together, so a lost tail after a power cut is
    // re-projected from the log; the event store itself keeps synchronous=FULL.
    this.db.pragma('synchronous = NORMAL');
    // A page cache of up to 128 MiB (SQLite's default is 2 MiB): a page of the linkage view
    // seeks a few thousand rows across a file of hundreds of MiB, and with the default cache
    // each seek rereads its b-tree pages from the OS (2.2× the time for the page's counters).
    this.db.pragma('cache_size = -131072');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
