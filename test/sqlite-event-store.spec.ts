import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/platform/event-store/sqlite-event-store';
import { describeEventStoreContract } from './event-store.contract';

const dir = mkdtempSync(join(tmpdir(), 'legislink-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreContract(
  'SQLite (better-sqlite3)',
  async () => new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 50 }),
);
