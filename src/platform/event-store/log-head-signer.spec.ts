import { randomUUID } from 'node:crypto';
import { NewEvent } from '../../events/envelope';
import { HeadSigningKey } from './head-signing-key';
import { LogHeadSchedule, LogHeadSigner } from './log-head-signer';
import { LogHeadStore } from './log-head-store';
import { ReadDatabase } from './read-database';
import { SqliteEventStore } from './sqlite-event-store';

const event = (): NewEvent => ({
  eventId: randomUUID(),
  type: 'ThingHappened',
  schemaVersion: 1,
  data: {},
  metadata: {
    occurredAt: '2025-03-10T02:00:00.000Z',
    actor: { userId: 'u', organisationId: 'o', role: 'admin' },
    correlationId: 'c',
    causationId: null,
  },
});

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('Given a log head signer following the log', () => {
  let store: SqliteEventStore;
  let read: ReadDatabase;
  let heads: LogHeadStore;
  const start = (schedule: LogHeadSchedule) => {
    const signer = new LogHeadSigner(store, heads, HeadSigningKey.generate(), schedule);
    signer.start();
    return signer;
  };
  const signedCounts = () => heads.all().map((h) => h.events);

  beforeEach(() => {
    store = new SqliteEventStore(':memory:', { pollIntervalMs: 5 });
    read = new ReadDatabase(':memory:');
    heads = new LogHeadStore(read.db);
  });
  afterEach(async () => {
    await store.close();
    read.close();
  });

  it('when it reads many new events at once, then heads are at most N events apart and cover them all', async () => {
    for (let i = 0; i < 7; i++) await store.append(`s-${i % 2}`, [event()], 'any');
    const signer = start({ everyEvents: 3, intervalMs: 60_000 });
    await until(() => signedCounts().length === 3);
    expect(signedCounts()).toEqual([3, 6, 7]);
    expect(heads.latest()).toMatchObject({ position: '7/7', streams: 2 });
    await signer.stop();
    expect(signedCounts()).toEqual([3, 6, 7]);
  });

  it('when events arrive later, then the next read, an interval on, signs a head over them', async () => {
    const signer = start({ everyEvents: 1000, intervalMs: 20 });
    await store.append('s', [event(), event()], 'no_stream');
    await until(() => signedCounts().length === 1);
    expect(heads.latest()).toMatchObject({ events: 2, position: '2/2', streams: 1 });
    expect(heads.streamHeads()).toEqual([
      { streamId: 's', revision: 1, hash: expect.any(String), logIndex: 2 },
    ]);
    await signer.stop();
    expect(signedCounts()).toEqual([2]);
  });

  it('when it stops before its next read, then it reads and signs the last events first', async () => {
    const signer = start({ everyEvents: 1000, intervalMs: 60_000 });
    await store.append('s', [event()], 'no_stream');
    expect(signedCounts()).toEqual([]);
    await signer.stop();
    expect(signedCounts()).toEqual([1]);
  });

  it('when nothing new was read, then stopping signs no further head', async () => {
    const signer = start({ everyEvents: 1, intervalMs: 60_000 });
    await signer.stop();
    expect(signedCounts()).toEqual([]);
  });
});
