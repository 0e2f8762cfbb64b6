import { DeadlineFactV1 } from '../src/events/deadline-events';
import { RecordedEvent } from '../src/events/envelope';
import { DeadlineSweep } from '../src/modules/deadlines/deadline-sweep';
import { AppConfig } from '../src/config/app-config';
import { CommandHandler } from '../src/platform/commands/command-handler';
import {
  EVENT_STORE,
  EventStore,
  StreamNotFoundError,
} from '../src/platform/event-store/event-store.port';
import { ReadDatabase } from '../src/platform/event-store/read-database';
import { Clock } from '../src/platform/kernel/clock';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import { ProjectionRunner } from '../src/platform/projections/projection-runner';
import { step, submissionAt } from './support/flow';
import { TestApp, startTestApp } from './support/test-app';

/**
 * The deadline sweep with a controllable clock: a due date records "approached" once when it
 * enters the due-soon window and "passed" once after it, nothing when its step was taken in time,
 * new facts when it moves later; sweepers racing and a restart record nothing twice.
 */
describe('deadline sweep (e2e)', () => {
  let t: TestApp;
  // Sweeps run when the test says; the one at start-up finds nothing due.
  const env = { DEADLINE_SWEEP_INTERVAL_MS: '86400000' };

  beforeAll(async () => {
    t = await startTestApp(env);
  });
  afterAll(() => t.close());

  const sweep = () => t.app.get(DeadlineSweep).sweep();
  const stream = async (id: string): Promise<RecordedEvent<string, DeadlineFactV1>[]> => {
    try {
      return (await t.app
        .get<EventStore>(EVENT_STORE)
        .readStream(`submission_deadlines-${id}`)) as RecordedEvent<string, DeadlineFactV1>[];
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  };
  const facts = async (id: string) =>
    (await stream(id)).map((e) => [e.type, e.data.deadline, e.data.number, e.data.dueBy]);
  /** 10:00 in Beijing, `days` after `date`. */
  const at = (date: string, days = 0) => {
    const instant = new Date(`${date}T02:00:00.000Z`);
    instant.setUTCDate(instant.getUTCDate() + days);
    return instant;
  };
  const detail = async (id: string) =>
    (await t.http.get(`/api/submissions/${id}`).set(t.as('jl-office')).expect(200)).body as {
      replyDueBy: string;
    };
  const requestMaterial = (id: string, dueBy: string) =>
    t.http
      .post(`/api/submissions/${id}/material-requests`)
      .set(t.as('jl-office'))
      .send({ description: '请补充测算材料', dueBy })
      .expect(200);
  const supplyMaterial = (id: string, number: number) =>
    t.http
      .post(`/api/submissions/${id}/material-requests/${number}/supply`)
      .set(t.as('jl-party-group'))
      .send({ description: '测算材料', documentReferences: ['附件1'] })
      .expect(200);

  it('records the reply due soon once when it enters the window, and overdue once after it passes, for the addressed committee', async () => {
    t.clock.set('2025-03-10T02:00:00.000Z');
    const id = await submissionAt(t, 'submit');
    const { replyDueBy } = await detail(id);
    await sweep();
    expect(await facts(id)).toEqual([]);

    t.clock.set(at(replyDueBy, -4));
    await sweep();
    expect(await facts(id)).toEqual([]);
    t.clock.set(at(replyDueBy, -3));
    await sweep();
    await sweep();
    t.clock.set(at(replyDueBy));
    await sweep();
    expect(await facts(id)).toEqual([['DeadlineApproached', 'reply', null, replyDueBy]]);

    t.clock.set(at(replyDueBy, 1));
    await sweep();
    await sweep();
    t.clock.set(at(replyDueBy, 5));
    await sweep();
    const events = await stream(id);
    expect(events.map((e) => e.type)).toEqual(['DeadlineApproached', 'DeadlinePassed']);
    expect(events[1].data).toEqual({
      notificationId: `overdue:reply:${id}:${replyDueBy}`,
      submissionId: id,
      deadline: 'reply',
      number: null,
      dueBy: replyDueBy,
      recipient: { organisationId: 'cn-220000-pc', audience: 'addressee' },
      submissionKind: 'request',
      category: 'major_issue',
      documentNumber: '吉人党字〔2025〕3号',
    });
    expect(events[1].metadata).toMatchObject({
      occurredAt: at(replyDueBy, 1).toISOString(),
      actor: { userId: 'deadline-sweep', organisationId: 'urn:legislink:legislink' },
    });
    // The app tells the office of the same notice, by the same id.
    const listed = await t.http.get('/api/notifications').set(t.as('jl-office')).expect(200);
    expect(listed.body.items.map((n: { notificationId: string }) => n.notificationId)).toContain(
      events[1].data.notificationId,
    );
  });

  it('records nothing for material supplied in time, and no overdue for material supplied after it came due soon', async () => {
    t.clock.set('2025-03-10T02:00:00.000Z');
    const id = await submissionAt(t, 'receive');
    await requestMaterial(id, '2025-03-20');
    await supplyMaterial(id, 1);
    await requestMaterial(id, '2025-03-25');
    t.clock.set(at('2025-03-22'));
    await sweep();
    expect(await facts(id)).toEqual([['DeadlineApproached', 'material', 2, '2025-03-25']]);
    const [approached] = await stream(id);
    expect(approached.data.recipient).toEqual({
      organisationId: 'cn-220000-npcpg',
      audience: 'submitter',
    });
    await supplyMaterial(id, 2);
    t.clock.set(at('2025-03-26'));
    await sweep();
    expect(await facts(id)).toEqual([['DeadlineApproached', 'material', 2, '2025-03-25']]);
  });

  it('records new facts for a reply due date moved later, and never reports the old one passed', async () => {
    t.clock.set('2025-03-10T02:00:00.000Z');
    const id = await submissionAt(t, 'receive');
    const first = (await detail(id)).replyDueBy;
    t.clock.set(at(first, -3));
    await sweep();
    // The wait for material stops the reply's clock; its supply moves the due date on.
    await requestMaterial(id, at(first, 10).toISOString().slice(0, 10));
    t.clock.set(at(first, 1));
    await sweep();
    t.clock.set(at(first, 2));
    await supplyMaterial(id, 1);
    const moved = (await detail(id)).replyDueBy;
    expect(moved > first).toBe(true);
    t.clock.set(at(moved, 1));
    await sweep();
    expect(await facts(id)).toEqual([
      ['DeadlineApproached', 'reply', null, first],
      ['DeadlinePassed', 'reply', null, moved],
    ]);
    // Answered, the reply owes nothing more, and the feedback's due date is far.
    await step(t, id, 'meet');
    await step(t, id, 'opinion');
    await sweep();
    expect(await facts(id)).toHaveLength(2);
  });

  it('records each fact once when sweepers in several processes run at the same time', async () => {
    t.clock.set('2025-03-10T02:00:00.000Z');
    const ids = [await submissionAt(t, 'submit'), await submissionAt(t, 'submit')];
    const { replyDueBy } = await detail(ids[0]);
    // Another process: its own sweeper with its own cache of states, on the same stores.
    const handler = new CommandHandler(
      t.app.get(EVENT_STORE),
      t.app.get(Clock),
      t.app.get(FeatureRegistry).catalogue,
    );
    const other = new DeadlineSweep(
      t.app.get(AppConfig),
      t.app.get(Clock),
      t.app.get(EVENT_STORE),
      t.app.get(ReadDatabase),
      handler,
      t.app.get(ProjectionRunner),
      t.app.get(FeatureRegistry),
    );
    const store = t.app.get<EventStore>(EVENT_STORE);
    const [last] = (await store.readStream(`submission-${ids[1]}`)).slice(-1);
    t.clock.set(at(replyDueBy, 2));
    const results = await Promise.all([sweep(), other.sweep(), sweep(), other.sweep()]);
    for (const id of ids) {
      expect(await facts(id)).toEqual([['DeadlinePassed', 'reply', null, replyDueBy]]);
    }
    const recorded = (await store.readAll({ from: last.position, maxCount: 1000 })).map(
      (e) => (e.data as DeadlineFactV1).notificationId,
    );
    expect(new Set(recorded).size).toBe(recorded.length);
    expect(results.reduce((sum, r) => sum + r!.recorded, 0)).toBe(recorded.length);
  });

  it('records nothing again after a restart, and the process with the deadlines role sweeps by itself', async () => {
    t.clock.set('2025-03-10T02:00:00.000Z');
    const id = await submissionAt(t, 'submit');
    const { replyDueBy } = await detail(id);
    t.clock.set(at(replyDueBy, -1));
    await sweep();
    const before = await stream(id);
    expect(before.map((e) => e.type)).toEqual(['DeadlineApproached']);

    await t.app.close();
    t = await startTestApp(
      { ...env, DEADLINE_SWEEP_INTERVAL_MS: '1000' },
      at(replyDueBy, -1).toISOString(),
      t.dir,
    );
    expect(await sweep()).toEqual({ recorded: 0, submissions: 0 });
    expect(await stream(id)).toEqual(before);

    t.clock.set(at(replyDueBy, 1));
    const deadline = Date.now() + 10_000;
    while ((await stream(id)).length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await facts(id)).toEqual([
      ['DeadlineApproached', 'reply', null, replyDueBy],
      ['DeadlinePassed', 'reply', null, replyDueBy],
    ]);
  });
});
