import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Actor } from '../../src/events/envelope';
import { OrganisationEvent, OrganisationRegisteredV1 } from '../../src/events/organisation-events';
import { EventStore, SubscribeOptions } from '../../src/platform/event-store/event-store.port';
import { ReadDatabase } from '../../src/platform/event-store/read-database';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite-event-store';
import { Projection } from '../../src/platform/kernel/projection';
import { ProjectionRunner } from '../../src/platform/projections/projection-runner';
import { registry, snapshot } from '../support/projection-fixture';

const admin: Actor = { userId: 'admin', organisationId: 'legislink-operator', role: 'admin' };

const organisation = (n: number): OrganisationRegisteredV1 => ({
  organisationId: `org-${n}`,
  kind: 'government_party_group',
  level: 'city',
  regionCode: '220100',
  nameZh: `组织${n}`,
  nameEn: `Organisation ${n}`,
  parentOrganisationId: null,
});

/** A small read model whose second version adds a column: the shape a version bump guards. */
function notes(version: 1 | 2): Projection<OrganisationEvent> {
  const columns = version === 1 ? 'id TEXT PRIMARY KEY' : 'id TEXT PRIMARY KEY, name TEXT NOT NULL';
  return {
    name: 'notes',
    version,
    tables: ['rm_notes'],
    handles: ['OrganisationRegistered'],
    setUp: (db) => db.exec(`CREATE TABLE IF NOT EXISTS rm_notes (${columns})`),
    apply(db, event) {
      if (event.type !== 'OrganisationRegistered') return;
      const o = event.data;
      if (version === 1) db.prepare('INSERT INTO rm_notes VALUES (?)').run(o.organisationId);
      else db.prepare('INSERT INTO rm_notes VALUES (?, ?)').run(o.organisationId, o.nameEn);
    },
  };
}

/** A projection that fails on every event, so it never gets past the start of the log. */
const broken: Projection = {
  name: 'broken',
  version: 1,
  tables: [],
  handles: ['OrganisationRegistered'],
  setUp: () => undefined,
  apply() {
    throw new Error('broken projection');
  },
};

/**
 * The store as the first subscriber sees it: every batch reaches it 50 ms late, so that
 * projection is still behind when a command starts waiting for it.
 */
function slowFirstSubscriber(store: EventStore): EventStore {
  let subscriptions = 0;
  const slow = Object.create(store) as EventStore;
  slow.subscribeToAll = (options: SubscribeOptions) =>
    store.subscribeToAll(
      subscriptions++ > 0
        ? options
        : {
            ...options,
            onEvents: async (events) => {
              await new Promise((resolve) => setTimeout(resolve, 50));
              await options.onEvents(events);
            },
          },
    );
  return slow;
}

describe('ProjectionRunner', () => {
  let dir: string;
  let store: SqliteEventStore;
  let read: ReadDatabase;
  const runners: ProjectionRunner[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'legislink-runner-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 20 });
    read = new ReadDatabase(join(dir, 'read.sqlite'));
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    read.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const register = async (n: number) => {
    const { position } = await store.append(
      `organisation-org-${n}`,
      [
        {
          eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
          type: 'OrganisationRegistered',
          schemaVersion: 1,
          data: organisation(n),
          metadata: {
            occurredAt: '2025-03-10T02:00:00.000Z',
            actor: admin,
            correlationId: `c-${n}`,
            causationId: null,
          },
        },
      ],
      'no_stream',
    );
    return position;
  };

  const runner = (projections: Projection[], from: EventStore = store) => {
    const created = new ProjectionRunner(from, read.db, projections, registry.catalogue);
    runners.push(created);
    return created;
  };

  const checkpointVersion = (db: Database.Database, name: string) =>
    db
      .prepare<[string], { version: number }>(
        'SELECT version FROM projection_checkpoints WHERE name = ?',
      )
      .get(name)?.version;

  it('Given a projection stored at version 1, When a runner starts it declared at version 2 with another table shape, Then its table is dropped and rebuilt from the log and the checkpoint says 2', async () => {
    await register(1);
    const first = runner([notes(1)]);
    first.start();
    expect(await first.waitFor(await register(2), 2000)).toBe(true);
    await first.stop();
    expect(snapshot(read.db, 'rm_notes')).toEqual([{ id: 'org-1' }, { id: 'org-2' }]);
    expect(checkpointVersion(read.db, 'notes')).toBe(1);

    const second = runner([notes(2)]);
    // Construction alone empties it: the old rows have the old shape.
    expect(snapshot(read.db, 'rm_notes')).toEqual([]);
    expect(second.checkpoint('notes')).toEqual({ position: 'start', events: 0 });
    second.start();
    expect(await second.waitFor(await register(3), 2000)).toBe(true);
    expect(snapshot(read.db, 'rm_notes')).toEqual([
      { id: 'org-1', name: 'Organisation 1' },
      { id: 'org-2', name: 'Organisation 2' },
      { id: 'org-3', name: 'Organisation 3' },
    ]);
    expect(checkpointVersion(read.db, 'notes')).toBe(2);
    expect(second.checkpoint('notes').events).toBe(3);
  });

  it('Given projections standing at the same position, When the runner starts, Then they share one subscription, and one that fails stops alone', async () => {
    await register(1);
    let subscriptions = 0;
    const counting = Object.create(store) as EventStore;
    counting.subscribeToAll = (options: SubscribeOptions) => {
      subscriptions++;
      return store.subscribeToAll(options);
    };
    const running = runner([notes(1), broken], counting);
    running.start();
    expect(subscriptions).toBe(1);
    expect(await running.waitFor(await register(2), 2000, ['notes'])).toBe(true);
    expect(snapshot(read.db, 'rm_notes')).toEqual([{ id: 'org-1' }, { id: 'org-2' }]);
    expect(running.checkpoint('broken').position).toBe('start');
    expect(await running.waitFor(await register(3), 2000, ['notes'])).toBe(true);
    expect(running.checkpoint('notes').events).toBe(3);
    await running.stop();

    // Rebuilt at a new version, notes starts from zero: it follows the log on its own.
    const organisations = registry.projections.find((p) => p.name === 'organisations')!;
    const caughtUp = runner([organisations], counting);
    caughtUp.start();
    expect(await caughtUp.waitFor(await register(4), 2000)).toBe(true);
    await caughtUp.stop();
    subscriptions = 0;
    const mixed = runner([organisations, notes(2)], counting);
    mixed.start();
    expect(subscriptions).toBe(2);
    expect(await mixed.waitFor(await register(5), 2000)).toBe(true);
    expect(snapshot(read.db, 'rm_notes')).toHaveLength(5);
  });

  it('Given another projection stuck behind, When a command waits for the lagging organisations projection only, Then the wait resolves true once organisations applied it', async () => {
    const organisations = registry.projections.find((p) => p.name === 'organisations')!;
    const running = runner([organisations, broken], slowFirstSubscriber(store));
    running.start();
    await register(1);
    const position = await register(2);
    expect(await running.waitFor(position, 2000, ['organisations'])).toBe(true);
    expect(snapshot(read.db, 'rm_organisations').map((o) => o.organisation_id)).toEqual([
      'org-1',
      'org-2',
    ]);
    // The stuck one never applied anything: a wait that names it answers false.
    expect(running.checkpoint('broken').position).toBe('start');
    expect(await running.waitFor(position, 100, ['organisations', 'broken'])).toBe(false);
  });
});
