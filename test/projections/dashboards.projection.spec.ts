import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ActorContext } from '../../src/platform/access/actor';
import { ReadDatabase } from '../../src/platform/event-store/read-database';
import { ManualClock } from '../../src/platform/kernel/clock';
import { ProjectionRunner } from '../../src/platform/projections/projection-runner';
import { DashboardQueries } from '../../src/modules/dashboards/dashboard-queries';
import { DashboardQueryDto } from '../../src/modules/dashboards/dashboards.dto';
import { lagBucket, timelinessBucket } from '../../src/projections/dashboards.projection';
import { positionNumber } from '../../src/projections/linkage.projection';
import {
  Append,
  ORGS,
  caller,
  linkageBatches,
  registerOrganisations,
} from '../support/linkage-history';
import { LogFixture, registry, snapshot } from '../support/projection-fixture';
import { LogCalendar } from '../../src/platform/http/as-of';

const analyst = (organisation: ActorContext['organisation']): ActorContext => ({
  ...caller(organisation, `analyst-${organisation.organisationId}`),
  roles: ['analyst'],
});

describe('dashboards projection', () => {
  let log: LogFixture;
  let append: Append;
  let reads: ReadDatabase[];
  beforeEach(() => {
    log = new LogFixture();
    reads = [];
    append = (stream, type, data, occurredAt, actor) =>
      log.append(stream, type, data, occurredAt, actor, registry.catalogue.currentVersion(type));
  });
  afterEach(async () => {
    for (const read of reads) read.close();
    await log.close();
  });

  /** The positions after each batch of the shared linkage history. */
  const seed = async () => {
    await registerOrganisations(append);
    const positions: number[] = [];
    for (const batch of linkageBatches(append)) positions.push(positionNumber(await batch()));
    return positions;
  };

  /** Rebuilds the dashboards (and the log calendar, whose days resolve "as of") in one db. */
  const rebuild = async (pageSize?: number): Promise<Database.Database> => {
    const read = new ReadDatabase(join(log.dir, `dash-${reads.length}.sqlite`));
    reads.push(read);
    const runner = new ProjectionRunner(
      log.store,
      read.db,
      registry.projections.filter((p) => ['log-calendar', 'dashboards'].includes(p.name)),
      registry.catalogue,
    );
    await runner.rebuild('log-calendar', undefined, pageSize);
    await runner.rebuild('dashboards', undefined, pageSize);
    return read.db;
  };

  const queriesOn = (db: Database.Database, day = '2025-06-01') => {
    const read = { db } as ReadDatabase;
    const clock = new ManualClock(new Date(`${day}T04:00:00.000Z`));
    return new DashboardQueries(read, new LogCalendar(read, clock));
  };

  const jlOffice = analyst(ORGS.jlOffice);
  const jlLegislature = analyst(ORGS.jlLegislature);
  const ccOffice = analyst(ORGS.ccOffice);
  const none: DashboardQueryDto = {};

  it('buckets days against a due date and days of lag', () => {
    expect([-3, 0, 1, 7, 8, 30, 31, 90, 91].map(timelinessBucket)).toEqual([
      'early',
      'due_day',
      'late_1_7',
      'late_1_7',
      'late_8_30',
      'late_8_30',
      'late_31_90',
      'late_31_90',
      'late_over_90',
    ]);
    expect([0, 90, 91, 180, 365, 366, 730, 731].map(lagBucket)).toEqual([
      'within_90',
      'within_90',
      'within_180',
      'within_180',
      'within_365',
      'within_730',
      'within_730',
      'over_730',
    ]);
  });

  it('Given the history, When projected, Then the adoption of opinion points counts each point by its current adoption', async () => {
    await seed();
    const q = queriesOn(await rebuild());
    // S1: point 1 adopted, point 2 partly then revised to adopted, point 3 not answered.
    expect(q.adoption(jlOffice, none, 'year').rows).toEqual([
      {
        year: 2025,
        adopted: 2,
        partly_adopted: 0,
        not_adopted: 0,
        pending: 1,
        total: 3,
        adoptedShare: 1,
      },
    ]);
    expect(q.adoption(jlOffice, none, 'category').rows).toEqual([
      expect.objectContaining({ category: 'drafting', adopted: 2, pending: 1 }),
    ]);
    const byBody = q.adoption(jlOffice, none, 'body');
    expect(byBody.rows).toEqual([expect.objectContaining({ body: 'cn-220000-npcpg', total: 3 })]);
    expect(byBody.names).toEqual({
      'cn-220000-npcpg': { zh: 'cn-220000-npcpg', en: 'cn-220000-npcpg' },
    });
    // Filters: another category, another year, the city's region: nothing.
    expect(q.adoption(jlOffice, { category: 'major_issue' }, 'year').rows).toEqual([]);
    expect(q.adoption(jlOffice, { year: 2024 }, 'year').rows).toEqual([]);
    expect(q.adoption(jlOffice, { regionCode: '220100' }, 'year').rows).toEqual([]);
    expect(q.adoption(jlOffice, { regionCode: '220000', level: 'province' }, 'year').rows).toEqual([
      expect.objectContaining({ total: 3 }),
    ]);
  });

  it('Given the history, When projected, Then replies and feedback are counted against their due dates', async () => {
    await seed();
    const answer = queriesOn(await rebuild()).timeliness(jlOffice, none);
    // S1's reply on 02-20, due 02-27; points answered on 03-01, due 04-03: all early.
    expect(answer.summary).toEqual({
      reply: { answered: 1, onTime: 1, onTimeShare: 1 },
      feedback: { answered: 2, onTime: 2, onTimeShare: 1 },
    });
    expect(answer.rows.filter((r) => r.count !== 0)).toEqual([
      { measure: 'reply', bucket: 'early', count: 1, share: 1 },
      { measure: 'feedback', bucket: 'early', count: 2, share: 1 },
    ]);
    expect(answer.rows).toHaveLength(12);
  });

  it('Given the history, When projected, Then what is awaited is overdue against the clock', async () => {
    await seed();
    const db = await rebuild();
    // On 2025-06-01: S1's feedback was due 04-03 (59 days), S2's reply 04-23 (39 days).
    const june = queriesOn(db).overdue(jlOffice, none);
    expect(june.summary).toEqual({
      today: '2025-06-01',
      reply: { open: 1, overdue: 1 },
      feedback: { open: 1, overdue: 1 },
    });
    expect(june.rows.filter((r) => r.count !== 0)).toEqual([
      { measure: 'reply', bucket: 'overdue_31_90', count: 1 },
      { measure: 'feedback', bucket: 'overdue_31_90', count: 1 },
    ]);
    // On 2025-04-05 S2's reply is not yet due, S1's feedback 2 days overdue.
    const april = queriesOn(db, '2025-04-05').overdue(jlOffice, none);
    expect(april.rows.filter((r) => r.count !== 0)).toEqual([
      { measure: 'reply', bucket: 'not_yet_due', count: 1 },
      { measure: 'feedback', bucket: 'overdue_1_7', count: 1 },
    ]);
  });

  it('Given the history, When projected, Then items count by stage and decisions flow into items by stage', async () => {
    await seed();
    const q = queriesOn(await rebuild());
    expect(q.stages(jlOffice, none).rows).toEqual([
      { stage: 'drafting', itemKind: 'local_regulation', count: 1 },
      { stage: 'on_agenda', itemKind: 'local_regulation', count: 1 },
      { stage: 'in_force', itemKind: 'local_regulation', count: 1 },
    ]);
    expect(q.stages(ccOffice, none).rows).toEqual([
      { stage: 'proposed', itemKind: 'local_regulation', count: 1 },
    ]);
    // D1 → I1, I2, I3; D2 lost its only link (removed): a decision without items.
    const flow = [
      { decisionKind: 'reform_plan', itemKind: 'local_regulation', stage: 'drafting', count: 1 },
      { decisionKind: 'reform_plan', itemKind: 'local_regulation', stage: 'on_agenda', count: 1 },
      { decisionKind: 'reform_plan', itemKind: 'local_regulation', stage: 'in_force', count: 1 },
    ];
    expect(q.flow(jlOffice, none).rows).toEqual([
      ...flow,
      { decisionKind: 'reform_plan', itemKind: 'unlinked', stage: 'unlinked', count: 1 },
    ]);
    // The legislature reads D1 (transmitted to it), not D2 (never transmitted).
    expect(q.flow(jlLegislature, none).rows).toEqual(flow);
    // Category does not file items: it is named as ignored, not applied.
    const filtered = q.stages(jlOffice, { category: 'drafting' });
    expect(filtered.ignoredFilters).toEqual(['category']);
    expect(filtered.rows).toHaveLength(3);
  });

  it('Given the history, When projected, Then the lag, divergences and inquiry conclusions are counted', async () => {
    await seed();
    const q = queriesOn(await rebuild());
    // D1 decided 01-10; I1 adopted 04-20 (100 days), in force 05-01 (111 days).
    expect(q.lag(jlOffice, none).rows.filter((r) => r.count !== 0)).toEqual([
      { measure: 'to_adoption', bucket: 'within_180', count: 1 },
      { measure: 'to_in_force', bucket: 'within_180', count: 1 },
    ]);
    expect(q.divergences(jlOffice, none).rows).toEqual([
      { state: 'open', step: 'consultation', count: 1 },
    ]);
    expect(q.inquiries(jlOffice, none).rows).toEqual([
      { state: 'answered', conclusion: 'amend', count: 1 },
    ]);
    expect(q.inquiries(jlOffice, { year: 2024 }).rows).toEqual([]);
  });

  it('Given another organisation, When it reads the dashboards, Then it sees none of the figures', async () => {
    await seed();
    const q = queriesOn(await rebuild());
    const stranger = analyst({
      ...ORGS.ccOffice,
      organisationId: 'cn-220200-pco',
      regionCode: '220200',
      parentOrganisationId: 'cn-220200-pc',
    });
    for (const answer of [
      q.adoption(stranger, none, 'year'),
      q.stages(stranger, none),
      q.flow(stranger, none),
      q.divergences(stranger, none),
      q.inquiries(stranger, none),
    ]) {
      expect(answer.rows).toEqual([]);
    }
    expect(q.timeliness(stranger, none).summary).toEqual({
      reply: { answered: 0, onTime: 0, onTimeShare: null },
      feedback: { answered: 0, onTime: 0, onTimeShare: null },
    });
    // The city's office sees nothing of the province's submissions either.
    expect(q.adoption(ccOffice, none, 'year').rows).toEqual([]);
    expect(() => q.stages({ ...jlOffice, roles: ['admin'] }, none)).toThrow(/may open/);
  });

  it('Given the history, When read as of a past position, Then every chart shows what was known then', async () => {
    const positions = await seed();
    const q = queriesOn(await rebuild());
    const afterSecond = { asOf: String(positions[1]) };
    // After batch 2: S1 sent, no opinion yet; I1 planned, I2 drafting; D2 still linked to the
    // city's I4 (so not without items), a pair across levels that counts for nobody.
    expect(q.adoption(jlOffice, afterSecond, 'year').rows).toEqual([]);
    expect(q.stages(jlOffice, afterSecond).rows).toEqual([
      { stage: 'planned', itemKind: 'local_regulation', count: 1 },
      { stage: 'drafting', itemKind: 'local_regulation', count: 1 },
    ]);
    expect(q.flow(jlOffice, afterSecond).rows).toEqual([
      { decisionKind: 'reform_plan', itemKind: 'local_regulation', stage: 'planned', count: 1 },
      { decisionKind: 'reform_plan', itemKind: 'local_regulation', stage: 'drafting', count: 1 },
    ]);
    const overdue = q.overdue(jlOffice, afterSecond);
    expect(overdue.asOf.at).toBe(positions[1]);
    expect(overdue.summary).toMatchObject({ reply: { open: 1 }, feedback: { open: 0 } });
    // After batch 3 S1's reply came (its counter went back to 0) and its feedback is awaited.
    expect(q.overdue(jlOffice, { asOf: String(positions[2]) }).summary).toMatchObject({
      reply: { open: 0 },
      feedback: { open: 1 },
    });
    // After batch 3 the adoption was 1 adopted + 1 adopted (revised) + 1 pending.
    expect(q.adoption(jlOffice, { asOf: String(positions[2]) }, 'year').rows[0]).toMatchObject({
      adopted: 2,
      partly_adopted: 0,
      pending: 1,
    });
    expect(q.lag(jlOffice, afterSecond).rows.every((r) => r.count === 0)).toBe(true);
  });

  it('Given any batch size, When rebuilt, Then the counters and their versions are the same', async () => {
    await seed();
    const whole = await rebuild();
    const oneByOne = await rebuild(1);
    for (const table of ['db_counter_keys', 'db_counter_versions', 'db_facts']) {
      const strip = (rows: Record<string, unknown>[]) =>
        rows
          .map(({ key_id: _k, ...rest }) => rest)
          .sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
      expect(strip(snapshot(oneByOne, table))).toEqual(strip(snapshot(whole, table)));
    }
    expect(snapshot(whole, 'db_counter_versions').length).toBeGreaterThan(10);
  });
});
