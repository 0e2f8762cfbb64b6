import { Actor } from '../../src/events/envelope';
import { LegislativeItemProposedV1 } from '../../src/events/item-events';
import { AssessmentRow } from '../../src/projections/assessments.projection';
import { ItemRow } from '../../src/projections/items.projection';
import { LogFixture, snapshot } from '../support/projection-fixture';

const legislature: Actor = { userId: 'u1', organisationId: 'cn-220000-npcpg', role: 'party_group' };
const office: Actor = { userId: 'u2', organisationId: 'cn-220000-pco', role: 'committee_office' };
const ITEM = '11111111-0000-4000-8000-000000000001';
const OTHER = '11111111-0000-4000-8000-000000000002';
const PLAN = '22222222-0000-4000-8000-000000000001';
const ASSESSMENT = '33333333-0000-4000-8000-000000000001';

const proposed = (itemId: string, proposedOn: string): LegislativeItemProposedV1 => ({
  itemId,
  kind: 'local_regulation',
  legislatureId: 'cn-220000-npcpg',
  committeeId: 'cn-220000-pc',
  title: '吉林省黑土地保护条例',
  summary: 's',
  policyAreas: ['agriculture', 'environment'],
  proposedOn,
});

describe('items and assessments projections', () => {
  let log: LogFixture;
  beforeEach(() => {
    log = new LogFixture();
  });
  afterEach(() => log.close());

  const at = (day: number) => `2025-03-${String(day).padStart(2, '0')}T02:00:00.000Z`;
  const item = (id: string, type: string, data: object, day: number, actor = legislature) =>
    log.append(`item-${id}`, type, data, at(day), actor);

  async function lifeOfAnItem(): Promise<void> {
    await item(ITEM, 'LegislativeItemProposed', proposed(ITEM, '2025-01-06'), 1);
    await item(ITEM, 'ItemPlanned', { planId: PLAN, plannedOn: '2025-03-02' }, 2);
    await item(ITEM, 'ItemDraftingStarted', { draftingUnitId: 'x', startedOn: '2025-03-03' }, 3);
    await item(
      ITEM,
      'ItemReadingHeld',
      { readingNumber: 1, heldOn: '2025-03-04', meetingReference: 'm' },
      4,
    );
    await item(
      ITEM,
      'ItemReadingHeld',
      { readingNumber: 2, heldOn: '2025-03-05', meetingReference: 'm' },
      5,
    );
    await item(
      ITEM,
      'DivergenceRecorded',
      {
        divergenceNumber: 1,
        description: 'd',
        submissionId: null,
        pointNumber: null,
        recordedOn: '2025-03-05',
      },
      5,
    );
    await item(
      ITEM,
      'DivergenceRecorded',
      {
        divergenceNumber: 2,
        description: 'd',
        submissionId: null,
        pointNumber: null,
        recordedOn: '2025-03-05',
      },
      5,
    );
    await item(
      ITEM,
      'DivergenceResolved',
      { divergenceNumber: 1, result: 'r', resolvedOn: '2025-03-06' },
      6,
    );
    await item(ITEM, 'ItemPlanned', { planId: OTHER, plannedOn: '2025-03-06' }, 6);
    await item(
      ITEM,
      'DivergenceStepRecorded',
      { divergenceNumber: 2, step: 'consultation', note: '', on: '2025-03-07' },
      7,
    );
  }

  it('Given an item proposed, planned, drafted and read twice, When projected, Then one row in deliberation since the first reading, with its plan and open divergences', async () => {
    await lifeOfAnItem();
    await log.rebuild('items');
    expect(log.rows<ItemRow>('rm_items')).toEqual([
      {
        item_id: ITEM,
        kind: 'local_regulation',
        stage: 'deliberation',
        stage_since: '2025-03-04',
        title: '吉林省黑土地保护条例',
        legislature_id: 'cn-220000-npcpg',
        committee_id: 'cn-220000-pc',
        policy_areas: '["agriculture","environment"]',
        proposed_on: '2025-01-06',
        year: 2025,
        version: 1,
        plan_ids: `["${PLAN}","${OTHER}"]`,
        open_divergences: 1,
        revision: 9,
        created_at: at(1),
        updated_at: at(7),
      },
    ]);
    expect(log.readers('item')).toEqual([
      [ITEM, 'org:cn-220000-npcpg', 'legislature'],
      [ITEM, 'org:cn-220000-pc', 'committee'],
      [ITEM, 'part:cn-220000-npcpg:special_committee', 'legislature'],
      [ITEM, 'part:cn-220000-pc:committee_office', 'committee'],
    ]);
  });

  it('Given an item in force amended, When projected, Then version 2 back in drafting since the amendment', async () => {
    await item(OTHER, 'LegislativeItemProposed', proposed(OTHER, '2024-05-01'), 1);
    await item(OTHER, 'ItemDraftingStarted', { draftingUnitId: 'x', startedOn: '2024-05-02' }, 2);
    await item(
      OTHER,
      'ItemReadingHeld',
      { readingNumber: 1, heldOn: '2024-06-01', meetingReference: 'm' },
      3,
    );
    await item(
      OTHER,
      'ItemScheduledForVote',
      { agendaDate: '2024-07-01', scheduledOn: '2024-06-20' },
      4,
    );
    await item(OTHER, 'ItemAdopted', { adoptedOn: '2024-07-01', tally: null }, 5);
    await item(
      OTHER,
      'ItemPromulgated',
      { announcementNumber: 'n', promulgatedOn: '2024-07-02' },
      6,
    );
    await item(OTHER, 'ItemEnteredIntoForce', { inForceOn: '2024-09-01' }, 7);
    await item(
      OTHER,
      'ItemAmendmentStarted',
      { version: 2, reason: 'r', startedOn: '2025-03-08' },
      8,
    );
    await log.rebuild('items');
    expect(log.rows<ItemRow>('rm_items')[0]).toMatchObject({
      stage: 'drafting',
      stage_since: '2025-03-08',
      version: 2,
      year: 2024,
    });
  });

  it('Given the same log, When rebuilt one event per page or all at once, Then the same rows', async () => {
    await lifeOfAnItem();
    const whole = snapshot(await log.rebuild('items'), 'rm_items');
    const paged = snapshot(await log.rebuild('items', 1), 'rm_items');
    expect(paged).toEqual(whole);
  });

  it('Given an assessment reported and judged, When projected, Then its row with the judgment, readable by the committee and the reporter', async () => {
    await log.append(
      `assessment-${ASSESSMENT}`,
      'AssessmentReported',
      {
        assessmentId: ASSESSMENT,
        subject: { kind: 'item', id: ITEM },
        reportedByOrganisationId: 'cn-220000-npc-fgw',
        committeeId: 'cn-220000-pc',
        title: '评估报告',
        findings: 'f',
        reportedOn: '2025-03-01',
      },
      at(2),
      legislature,
    );
    await log.append(
      `assessment-${ASSESSMENT}`,
      'AssessmentJudged',
      { judgment: 'adjust_law', note: 'n', judgedAt: at(3) },
      at(3),
      office,
    );
    await log.rebuild('assessments');
    expect(log.rows<AssessmentRow>('rm_assessments')).toEqual([
      {
        assessment_id: ASSESSMENT,
        subject_kind: 'item',
        subject_id: ITEM,
        reported_by_organisation_id: 'cn-220000-npc-fgw',
        committee_id: 'cn-220000-pc',
        title: '评估报告',
        reported_on: '2025-03-01',
        status: 'judged',
        judgment: 'adjust_law',
        judged_at: at(3),
        revision: 1,
        created_at: at(2),
      },
    ]);
    expect(log.readers('assessment')).toEqual([
      [ASSESSMENT, 'org:cn-220000-npc-fgw', 'reporter'],
      [ASSESSMENT, 'org:cn-220000-pc', 'committee'],
      [ASSESSMENT, 'part:cn-220000-pc:committee_office', 'committee'],
    ]);
  });
});
