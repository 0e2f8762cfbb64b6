import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { Actor } from '../../src/events/envelope';
import { ReadDatabase } from '../../src/platform/event-store/read-database';
import { ManualClock } from '../../src/platform/kernel/clock';
import { ProjectionRunner } from '../../src/platform/projections/projection-runner';
import { LinkageQueries } from '../../src/modules/linkage/linkage-queries';
import {
  DecisionRow,
  HANDLED_EVENT_TYPES,
  ItemRow,
  LINKAGE_TABLES,
  LinkRow,
  OpenSubmissionRow,
  PointRow,
  beijingDay,
  positionNumber,
} from '../../src/projections/linkage.projection';
import {
  Append,
  IDS,
  ORGS,
  caller,
  linkageBatches,
  registerOrganisations,
} from '../support/linkage-history';
import { LogFixture, registry, snapshot } from '../support/projection-fixture';
import { LogCalendar } from '../../src/platform/http/as-of';

const queriesOn = (db: ReadDatabase['db'], day = '2025-06-01') =>
  new LinkageQueries(
    { db } as ReadDatabase,
    new LogCalendar({ db } as ReadDatabase, new ManualClock(new Date(`${day}T04:00:00.000Z`))),
    loadConfig({}),
  );

const GOVERNMENT = 'cn-220000-gpg';
const P1 = '91000000-0000-4000-8000-000000000001';
const P2 = '91000000-0000-4000-8000-000000000002';

const current = <Row>(rows: Row[]) =>
  rows.filter((r) => (r as { valid_to: number | null }).valid_to === null);

describe('linkage projection', () => {
  let log: LogFixture;
  let append: Append;
  beforeEach(() => {
    log = new LogFixture();
    // The history is written in today's payload shapes, so each event at its current version
    // (a v1-shaped payload at the current version stands for what the upcaster gives).
    append = (stream, type, data, occurredAt, actor) =>
      log.append(stream, type, data, occurredAt, actor, registry.catalogue.currentVersion(type));
  });
  afterEach(() => log.close());

  const seed = async () => {
    await registerOrganisations(append);
    for (const batch of linkageBatches(append)) await batch();
  };

  it('Given the whole history, When projected, Then decisions carry their place, transmission and reports', async () => {
    await seed();
    await log.rebuild('linkage');
    const decisions = current(log.rows<DecisionRow>('lv_decisions'));
    const d1 = decisions.find((d) => d.decision_id === IDS.d1)!;
    expect(d1).toMatchObject({
      committee_id: 'cn-220000-pc',
      legislature_id: 'cn-220000-npcpg',
      level: 'province',
      region_code: '220000',
      year: 2025,
      follow_up: 'new_law',
      follow_up_reports: 1,
      policy_areas: JSON.stringify(['生态环境', '农业农村']),
    });
    expect(decisions.find((d) => d.decision_id === IDS.d3)).toMatchObject({
      level: 'city',
      region_code: '220100',
      legislature_id: null,
    });
    // Readers: the committee and its office; once transmitted, the legislature and its bodies.
    expect(log.readers('linkage_decision').filter(([id]) => id === IDS.d1)).toEqual([
      [IDS.d1, 'org:cn-220000-npcpg', 'legislature'],
      [IDS.d1, 'org:cn-220000-pc', 'committee'],
      [IDS.d1, 'part:cn-220000-npcpg:special_committee', 'legislature'],
      [IDS.d1, 'part:cn-220000-pc:committee_office', 'committee'],
    ]);
    expect(log.readers('linkage_decision').filter(([id]) => id === IDS.d2)).toEqual([
      [IDS.d2, 'org:cn-220000-pc', 'committee'],
      [IDS.d2, 'part:cn-220000-pc:committee_office', 'committee'],
    ]);
    expect(log.readers('linkage_item').filter(([id]) => id === IDS.i4)).toEqual([
      [IDS.i4, 'org:cn-220100-npcpg', 'legislature'],
      [IDS.i4, 'org:cn-220100-pc', 'committee'],
      [IDS.i4, 'part:cn-220100-npcpg:special_committee', 'legislature'],
      [IDS.i4, 'part:cn-220100-pc:committee_office', 'committee'],
    ]);
  });

  it('Given item events, When projected, Then each version records the stage and since when', async () => {
    await seed();
    await log.rebuild('linkage');
    const versions = log.rows<ItemRow & { valid_from: number; valid_to: number | null }>(
      'lv_items',
    );
    const i1 = versions.filter((v) => v.item_id === IDS.i1);
    expect(i1.map((v) => [v.stage, v.stage_since])).toEqual([
      ['proposed', '2025-01-20'],
      ['planned', '2025-02-01'],
      ['drafting', '2025-02-10'],
      ['deliberation', '2025-03-01'],
      ['on_agenda', '2025-04-01'],
      ['adopted', '2025-04-20'],
      ['promulgated', '2025-04-22'],
      ['in_force', '2025-05-01'],
    ]);
    // Versions chain: each ends where the next begins; only the last is open.
    for (let n = 1; n < i1.length; n++) expect(i1[n - 1].valid_to).toBe(i1[n].valid_from);
    expect(i1[i1.length - 1]).toMatchObject({
      valid_to: null,
      plan_id: IDS.p1,
      readings: 1,
      adopted_on: '2025-04-20',
      announcement_number: '第1号',
      in_force_on: '2025-05-01',
    });
    expect(current(versions).find((v) => v.item_id === IDS.i2)).toMatchObject({
      stage: 'drafting',
      open_divergences: 1,
    });
  });

  it('Given feedback v1, v2 and a revision, When projected, Then the point shows its current adoption and every version', async () => {
    await seed();
    await log.rebuild('linkage');
    const points = log.rows<PointRow & { valid_to: number | null }>('lv_points');
    const point2 = points.filter((p) => p.submission_id === IDS.s1 && p.number === 2);
    expect(
      point2.map((p) => [p.adoption, p.reading_number, p.articles, p.revision_number]),
    ).toEqual([
      [null, null, '[]', null],
      ['partly_adopted', 1, '["art_12"]', 0],
      ['adopted', 2, '["art_12","art_13/para_2"]', 1],
    ]);
    expect(current(points).find((p) => p.number === 1)).toMatchObject({
      adoption: 'adopted',
      reading_number: null,
      articles: '[]',
    });
    // A v1-shaped draft names no subject; the v2 one names its items and decisions.
    const subjects = current(
      log.rows<{ submission_id: string; subject_kind: string; subject_id: string }>(
        'lv_submission_subjects',
      ),
    ).map((s) => [s.submission_id, s.subject_kind, s.subject_id]);
    expect(subjects).toEqual(
      expect.arrayContaining([
        [IDS.s1, 'item', IDS.i1],
        [IDS.s1, 'decision', IDS.d1],
        [IDS.s2, 'item', IDS.i3],
      ]),
    );
    expect(subjects.filter(([s]) => s === IDS.s3)).toEqual([]);
  });

  it('Given sent submissions, When projected, Then each awaiting one is open under each subject with what it awaits and by when', async () => {
    await seed();
    await log.rebuild('linkage');
    const open = current(
      log.rows<OpenSubmissionRow & { valid_to: number | null }>('lv_open_submissions'),
    ).map((o) => [o.subject_kind, o.subject_id, o.submission_id, o.awaiting, o.due]);
    expect(open).toEqual(
      expect.arrayContaining([
        ['item', IDS.i1, IDS.s1, 'feedback', '2025-04-03'],
        ['decision', IDS.d1, IDS.s1, 'feedback', '2025-04-03'],
        ['item', IDS.i3, IDS.s2, 'reply', '2025-04-23'],
      ]),
    );
    expect(open).toHaveLength(3);
    // S1 awaited the reply (due 2025-02-27) before the opinion turned it to feedback.
    const history = log
      .rows<OpenSubmissionRow>('lv_open_submissions')
      .filter((o) => o.subject_id === IDS.i1)
      .map((o) => [o.awaiting, o.due]);
    expect(history).toEqual([
      ['reply', '2025-02-27'],
      ['feedback', '2025-04-03'],
    ]);
  });

  it('Given a link removed, When projected, Then its version ends and the current view drops it', async () => {
    await seed();
    await log.rebuild('linkage');
    const links = log.rows<LinkRow & { valid_to: number | null }>('lv_links');
    expect(links.find((l) => l.link_id === IDS.l3)!.valid_to).not.toBeNull();
    expect(current(links).map((l) => l.link_id)).toEqual([IDS.l1, IDS.l2, IDS.l4]);
  });

  it('Given the history, When rebuilt in pages of one event or of all, or followed live batch by batch, Then every table is the same', async () => {
    const read = new ReadDatabase(join(log.dir, 'live.sqlite'));
    const linkage = registry.projections.filter((p) => p.name === 'linkage');
    const runner = new ProjectionRunner(log.store, read.db, linkage, registry.catalogue);
    runner.start();
    try {
      let last = await registerOrganisations(append);
      for (const batch of linkageBatches(append)) {
        last = await batch();
        expect(await runner.waitFor(last, 10_000, ['linkage'])).toBe(true);
      }
      const tables = [...LINKAGE_TABLES, 'readers'];
      const live = tables.map((t) => snapshot(read.db, t));
      const whole = await log.rebuild('linkage', 10_000);
      expect(tables.map((t) => snapshot(whole, t))).toEqual(live);
      const single = await log.rebuild('linkage', 1);
      expect(tables.map((t) => snapshot(single, t))).toEqual(live);
    } finally {
      await runner.stop();
      read.close();
    }
  });

  it('Given the live view recorded after each batch, When read as of each batch’s last position, Then it answers the same', async () => {
    const read = new ReadDatabase(join(log.dir, 'travel.sqlite'));
    const linkage = registry.projections.filter((p) =>
      ['log-calendar', 'linkage'].includes(p.name),
    );
    const runner = new ProjectionRunner(log.store, read.db, linkage, registry.catalogue);
    runner.start();
    // The live view counts days to the day the events were recorded: the clock says that day.
    const queries = queriesOn(read.db, beijingDay(new Date().toISOString()));
    const office = caller(ORGS.jlOffice);
    const legislature = caller(ORGS.jlLegislature);
    const answers = () => ({
      decisions: queries.listDecisions(office, {}),
      byLag: queries.listDecisions(office, { sort: 'lag', order: 'asc', limit: 2 }),
      items: queries.listItems(legislature, {}),
      d1: queries.decisionDetail(office, IDS.d1),
      i1: queries.itemDetail(legislature, IDS.i1),
    });
    const asOf = (position: string) => ({
      decisions: queries.listDecisions(office, { asOf: position }),
      byLag: queries.listDecisions(office, { sort: 'lag', order: 'asc', limit: 2, asOf: position }),
      items: queries.listItems(legislature, { asOf: position }),
      d1: queries.decisionDetail(office, IDS.d1, position),
      i1: queries.itemDetail(legislature, IDS.i1, position),
    });
    const recorded: { position: string; view: unknown }[] = [];
    try {
      await registerOrganisations(append);
      const batches = linkageBatches(append);
      // D1 and I1 exist from the first batch on; answers before that would be 404s.
      for (const batch of batches) {
        const position = await batch();
        expect(await runner.waitFor(position, 10_000, ['log-calendar', 'linkage'])).toBe(true);
        const { d1, i1, ...lists } = answers();
        recorded.push({
          position,
          view: { ...lists, d1: { ...d1, asOf: null }, i1: { ...i1, asOf: null } },
        });
      }
      for (const { position, view } of recorded) {
        const { d1, i1, ...lists } = asOf(position);
        expect(d1.asOf.at).toBe(positionNumber(position));
        expect({ ...lists, d1: { ...d1, asOf: null }, i1: { ...i1, asOf: null } }).toEqual(view);
      }
      // And the first batch's view differs from the last: the test compares something.
      expect(recorded[0].view).not.toEqual(recorded[recorded.length - 1].view);
    } finally {
      await runner.stop();
      read.close();
    }
  });

  it('Given a position before anything happened, When read as of it, Then the view is empty and details are 404', async () => {
    await seed();
    const db = await log.rebuild('linkage');
    const queries = queriesOn(db);
    expect(queries.listDecisions(caller(ORGS.jlOffice), { asOf: '1' }).items).toEqual([]);
    expect(() => queries.decisionDetail(caller(ORGS.jlOffice), IDS.d1, '1')).toThrow(/not found/);
  });

  it('Given committee-initiated proposals, When projected, Then a decision and the item a proposal became show it to whoever reads the proposal, as of any position', async () => {
    await seed();
    const committee: Actor = {
      userId: 'jl-office',
      organisationId: 'cn-220000-pco',
      role: 'committee_office',
    };
    const receiver: Actor = { userId: 'gov', organisationId: GOVERNMENT, role: 'party_group' };
    const on = (day: string) => `${day}T02:00:00.000Z`;
    const transferred = (proposalId: string, title: string) => ({
      proposalId,
      committeeId: 'cn-220000-pc',
      transferredByOfficeId: 'cn-220000-pco',
      receiverId: GOVERNMENT,
      route: 'government',
      itemKind: 'government_rule',
      title,
      summary: '……',
      decisionId: IDS.d1,
      transferredAt: on('2025-05-02'),
    });
    const p1 = `proposal-${P1}`;
    await append(
      p1,
      'LegislativeProposalTransferred',
      transferred(P1, '黑土地保护立法建议'),
      on('2025-05-02'),
      committee,
    );
    await append(
      `proposal-${P2}`,
      'LegislativeProposalTransferred',
      transferred(P2, '秸秆禁烧规章建议'),
      on('2025-05-02'),
      committee,
    );
    await append(
      p1,
      'ProposalArgued',
      { arguedOn: '2025-05-03', note: '论证' },
      on('2025-05-03'),
      receiver,
    );
    const outside = await append(
      p1,
      'ProposalAnswered',
      {
        answer: 'outside_government_power',
        explanation: '涉及行政处罚，超出规章权限',
        planId: null,
        itemId: null,
        answeredAt: on('2025-05-04'),
      },
      on('2025-05-04'),
      receiver,
    );
    await append(
      p1,
      'ProposalRerouted',
      { receiverId: 'cn-220000-npcpg', route: 'standing_committee', reroutedAt: on('2025-05-04') },
      on('2025-05-04'),
      receiver,
    );
    await append(
      p1,
      'ProposalAnswered',
      {
        answer: 'taken_into_plan',
        explanation: '纳入年度计划',
        planId: IDS.p1,
        itemId: IDS.i3,
        answeredAt: on('2025-05-06'),
      },
      on('2025-05-06'),
      { userId: 'jl-party-group', organisationId: 'cn-220000-npcpg', role: 'party_group' },
    );
    const db = await log.rebuild('linkage');
    const queries = queriesOn(db);
    const office = caller(ORGS.jlOffice);
    const legislature = caller(ORGS.jlLegislature);
    const ids = (list: { proposalId: string }[]) => list.map((p) => p.proposalId);
    // The office reads both; the Standing Committee's Party group only the one re-routed to it.
    expect(ids(queries.decisionDetail(office, IDS.d1).proposals)).toEqual([P1, P2].sort());
    expect(ids(queries.decisionDetail(legislature, IDS.d1).proposals)).toEqual([P1]);
    expect(queries.itemDetail(legislature, IDS.i3).proposals).toEqual([
      expect.objectContaining({
        proposalId: P1,
        decisionId: IDS.d1,
        receiverId: 'cn-220000-npcpg',
        route: 'standing_committee',
        status: 'answered',
        answer: 'taken_into_plan',
        planId: IDS.p1,
        itemId: IDS.i3,
        answeredAt: on('2025-05-06'),
      }),
    ]);
    // As of the government's answer: still the government's, not yet an item.
    const then = queries.decisionDetail(office, IDS.d1, outside).proposals;
    expect(then.find((p) => p.proposalId === P1)).toMatchObject({
      receiverId: GOVERNMENT,
      route: 'government',
      answer: 'outside_government_power',
      itemId: null,
    });
    expect(queries.itemDetail(legislature, IDS.i3, outside).proposals).toEqual([]);
    expect(log.readers('linkage_proposal').filter(([id]) => id === P2)).toEqual([
      [P2, `org:${GOVERNMENT}`, 'receiver'],
      [P2, 'org:cn-220000-pc', 'committee'],
      [P2, `part:${GOVERNMENT}:special_committee`, 'receiver'],
      [P2, 'part:cn-220000-pc:committee_office', 'committee'],
    ]);
  });

  it('declares the event types it reads, each handled by the history above', () => {
    const projection = registry.projections.find((p) => p.name === 'linkage')!;
    expect(projection.handles).toEqual(HANDLED_EVENT_TYPES);
  });
});
