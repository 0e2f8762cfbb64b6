import { Actor } from '../../src/events/envelope';
import { SearchRecordRow } from '../../src/projections/search.projection';
import { LogFixture } from '../support/projection-fixture';

const legislature: Actor = { userId: 'u1', organisationId: 'cn-220000-npcpg', role: 'party_group' };
const office: Actor = { userId: 'u2', organisationId: 'cn-220000-pco', role: 'committee_office' };
const SUB = '11111111-0000-4000-8000-000000000001';
const DEC = '33333333-0000-4000-8000-000000000001';
const ITEM = '44444444-0000-4000-8000-000000000001';
const at = (day: number) => `2025-03-${String(day).padStart(2, '0')}T02:00:00.000Z`;

const drafted = {
  submissionId: SUB,
  kind: 'request',
  category: 'major_issue',
  submittingOrganisationId: 'cn-220000-npcpg',
  addressedCommitteeId: 'cn-220000-pc',
  replacesSubmissionId: null,
  title: '关于黑土地保护的请示',
  summary: '补偿范围',
  body: '正文：执法主体',
  documentNumber: null,
  classification: 'internal',
  replyRequestedBy: null,
  references: [],
  itemIds: [],
  decisionIds: [],
};

describe('search projection', () => {
  let log: LogFixture;
  beforeEach(() => {
    log = new LogFixture();
  });
  afterEach(() => log.close());

  const submission = (type: string, data: object, day: number, actor = legislature, v = 1) =>
    log.append(`submission-${SUB}`, type, data, at(day), actor, v);
  const row = () => log.rows<SearchRecordRow>('search_records').find((r) => r.record_id === SUB)!;
  /** What the trigram index finds for a phrase, by record id. */
  const match = (phrase: string) =>
    log.db
      .prepare<[string], { record_id: string }>(
        `SELECT s.record_id FROM search_fts JOIN search_records s ON s.rowid = search_fts.rowid
          WHERE search_fts MATCH ? ORDER BY s.record_id`,
      )
      .all(`"${phrase}"`)
      .map((r) => r.record_id);

  it('Given a submission drafted, amended, sent, received and answered, When projected, Then its current text and every number are indexed', async () => {
    await submission('SubmissionDrafted', drafted, 1, legislature, 2);
    await submission(
      'SubmissionDraftAmended',
      { title: '关于湿地保护的请示', body: '新正文' },
      2,
      legislature,
      2,
    );
    await submission(
      'SubmissionSubmitted',
      { submittedAt: at(3), documentNumber: '吉人党字〔2025〕3号', replyDueBy: '2025-03-24' },
      3,
    );
    await submission(
      'SubmissionReceived',
      { receivedAt: at(4), officeLogNumber: '省委办收〔2025〕118号' },
      4,
      office,
    );
    await submission(
      'OpinionIssued',
      {
        documentNumber: '吉委办函〔2025〕21号',
        outcome: 'approved',
        issuedAt: at(5),
        points: [{ number: 1, text: '明确补偿标准' }],
        feedbackDueBy: '2025-04-20',
      },
      5,
      office,
    );
    await log.rebuild('search');
    expect(row()).toMatchObject({
      kind: 'submission',
      recorded_at: at(1),
      title: '关于湿地保护的请示',
      document_number: '吉人党字〔2025〕3号',
      numbers: '吉人党字〔2025〕3号\n省委办收〔2025〕118号\n吉委办函〔2025〕21号',
      summary: '补偿范围',
      body: '新正文',
      points: '1. 明确补偿标准',
    });
    expect(match('湿地保护')).toEqual([SUB]);
    expect(match('黑土地')).toEqual([]);
    expect(match('执法主体')).toEqual([]);
    expect(match('委办收〔2025')).toEqual([SUB]);
    expect(match('补偿标准')).toEqual([SUB]);
  });

  it('Given a secret draft, and an internal one later made secret, When projected, Then neither text is indexed, only titles and numbers', async () => {
    await submission(
      'SubmissionDrafted',
      { ...drafted, classification: 'secret', documentNumber: '吉人党字〔2025〕9号' },
      1,
      legislature,
      2,
    );
    await submission('SubmissionDraftAmended', { body: '机密正文' }, 2, legislature, 2);
    const other = '11111111-0000-4000-8000-000000000002';
    await log.append(
      `submission-${other}`,
      'SubmissionDrafted',
      { ...drafted, submissionId: other, title: '另一件请示' },
      at(1),
      legislature,
      2,
    );
    await log.append(
      `submission-${other}`,
      'SubmissionDraftAmended',
      { classification: 'secret' },
      at(2),
      legislature,
      2,
    );
    await log.append(
      `submission-${other}`,
      'SubmissionDraftAmended',
      { summary: '仍然机密' },
      at(3),
      legislature,
      2,
    );
    await log.rebuild('search');
    for (const r of log.rows<SearchRecordRow>('search_records')) {
      expect([r.summary, r.body, r.points]).toEqual(['', '', '']);
    }
    expect(match('机密正文')).toEqual([]);
    expect(match('补偿范围')).toEqual([]);
    expect(match('仍然机密')).toEqual([]);
    expect(match('黑土地')).toEqual([SUB]);
    expect(match('另一件')).toEqual([other]);
    expect(match('〔2025〕9号')).toEqual([SUB]);
    expect(
      log.db.prepare("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')").run(),
    ).toBeTruthy();
  });

  it('Given a decision and an item promulgated, When projected one event per batch or all at once, Then the same rows and a consistent index', async () => {
    await log.append(
      `decision-${DEC}`,
      'CommitteeDecisionRecorded',
      {
        decisionId: DEC,
        committeeId: 'cn-220000-pc',
        recordedByOfficeId: 'cn-220000-pco',
        documentNumber: '吉发〔2016〕12号',
        title: '关于加强黑土地保护的意见',
        summary: '依法保护',
        decidedOn: '2016-05-20',
        policyAreas: ['农业'],
        kind: 'reform_plan',
        followUp: 'new_law',
      },
      at(1),
      office,
    );
    await log.append(
      `item-${ITEM}`,
      'LegislativeItemProposed',
      {
        itemId: ITEM,
        kind: 'local_regulation',
        legislatureId: 'cn-220000-npcpg',
        committeeId: 'cn-220000-pc',
        title: '吉林省黑土地保护条例',
        summary: '范围与职责',
        policyAreas: [],
        proposedOn: '2025-01-06',
      },
      at(2),
      legislature,
    );
    await log.append(
      `item-${ITEM}`,
      'ItemPromulgated',
      { announcementNumber: '吉林省人大常委会公告第12号', promulgatedOn: '2025-03-01' },
      at(3),
      legislature,
    );
    await log.rebuild('search', 1);
    const oneByOne = log.rows('search_records');
    expect(match('黑土地保护').sort()).toEqual([DEC, ITEM].sort());
    expect(match('公告第12号')).toEqual([ITEM]);
    await log.rebuild('search');
    expect(log.rows('search_records')).toEqual(oneByOne);
    expect(match('黑土地保护').sort()).toEqual([DEC, ITEM].sort());
    log.db.prepare("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')").run();
  });
});
