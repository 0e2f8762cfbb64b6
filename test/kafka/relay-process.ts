/**
 * A relay in a process of its own, for the test that SIGKILLs one mid-stream. Args: SQLite path,
 * brokers, topic prefix. Every batch is held back a little so that the kill lands mid-stream,
 * and the checkpoint is printed as `checkpoint <position>` whenever it moves.
 */
import { Logger } from '@nestjs/common';
import { EventStore } from '../../src/platform/event-store/event-store.port';
import { ReadDatabase } from '../../src/platform/event-store/read-database';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite-event-store';
import { newRelay } from './fixtures';

const [path, brokers, topicPrefix] = process.argv.slice(2);
Logger.overrideLogger(['error']);

const sqlite = new SqliteEventStore(path, { pollIntervalMs: 20, batchSize: 50 });
const slowed: EventStore = {
  append: sqlite.append.bind(sqlite),
  readStream: sqlite.readStream.bind(sqlite),
  readAll: sqlite.readAll.bind(sqlite),
  describe: sqlite.describe.bind(sqlite),
  ping: sqlite.ping.bind(sqlite),
  close: sqlite.close.bind(sqlite),
  subscribeToAll: (options) =>
    sqlite.subscribeToAll({
      ...options,
      onEvents: async (events) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        await options.onEvents(events);
      },
    }),
};
const relay = newRelay({ brokers, topicPrefix, store: slowed, read: new ReadDatabase(path) });
relay.start();

let last = '';
setInterval(() => {
  const { checkpoint } = relay.status();
  if (checkpoint === last) return;
  last = checkpoint;
  process.stdout.write(`checkpoint ${checkpoint}\n`);
}, 10);
