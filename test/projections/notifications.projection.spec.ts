import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DeadlineFactV1 } from '../../src/events/deadline-events';
import { Actor } from '../../src/events/envelope';
import { ReadDatabase } from '../../src/platform/event-store/read-database';
import { ProjectionRunner } from '../../src/platform/projections/projection-runner';
import {
  NotificationRow,
  pendingDeadlineNotices,
} from '../../src/projections/notifications.projection';
import { LogFixture, registry, snapshot } from '../support/projection-fixture';

const office: Actor = { userId: 'u2', organisationId: 'cn-220000-pco', role: 'committee_office' };
const legislature: Actor = { userId: 'u1', organisationId: 'cn-220000-npcpg', role: 'party_group' };
const SUB = '11111111-0000-4000-8000-000000000001';
const at = (day: number) => `2025-03-${String(day).padStart(2, '0')}T02:00:00.000Z`;

describe('notifications projection', () => {
  let log: LogFixture;
  beforeEach(() => {
    log = new LogFixture();
  });
  afterEach(() => log.close());

  const event = (type: string, data: object, day: number, actor: Actor, v = 1) =>
    log.append(`submission-${SUB}`, type, data, at(day), actor, v);

  it('Given material requested, an opinion issued and feedback on a point, When projected, Then one notification each, for the side it concerns, with stable ids; other steps notify nobody', async () => {
    await event('SubmissionReceived', { receivedAt: at(1), officeLogNumber: 'n' }, 1, office);
    await event(
      'SupplementaryMaterialRequested',
      { requestNumber: 1, description: 'd', dueBy: '2025-03-12' },
      2,
      office,
    );
    await event(
      'SupplementaryMaterialSupplied',
      { requestNumber: 1, description: 'd', documentReferences: [], replyDueBy: null },
      3,
      legislature,
      2,
    );
    await event(
      'OpinionIssued',
      {
        documentNumber: 'x',
        outcome: 'approved',
        issuedAt: at(4),
        points: [{ number: 1, text: 't' }],
        feedbackDueBy: '2025-04-20',
      },
      4,
      office,
    );
    await event(
      'OpinionPointFeedbackGiven',
      {
        pointNumber: 1,
        adoption: 'adopted',
        explanation: null,
        givenAt: at(5),
        readingNumber: null,
        articles: [],
      },
      5,
      legislature,
      2,
    );
    await log.rebuild('notifications');
    const rows = log.rows<NotificationRow>('rm_notifications');
    expect(rows).toEqual([
      {
        notification_id: `answered:${SUB}`,
        kind: 'answered',
        submission_id: SUB,
        audience: 'submitter',
        due_by: '2025-04-20',
        number: null,
        at: at(4),
      },
      {
        notification_id: `feedback_given:${SUB}:1`,
        kind: 'feedback_given',
        submission_id: SUB,
        audience: 'addressee',
        due_by: null,
        number: 1,
        at: at(5),
      },
      {
        notification_id: `material_requested:${SUB}:1`,
        kind: 'material_requested',
        submission_id: SUB,
        audience: 'submitter',
        due_by: '2025-03-12',
        number: 1,
        at: at(2),
      },
    ]);
    await log.rebuild('notifications', 1);
    expect(log.rows('rm_notifications')).toEqual(rows);
  });
});

describe('notifications projection: due dates near or past', () => {
  let log: LogFixture;
  beforeEach(() => {
    log = new LogFixture();
  });
  afterEach(() => log.close());

  const submission = (type: string, data: object, day: number, actor: Actor, v = 1) =>
    log.append(`submission-${SUB}`, type, data, at(day), actor, v);
  const clock: Actor = {
    userId: 'deadline-sweep',
    organisationId: 'urn:legislink:legislink',
    role: 'admin',
  };
  const materialFact = (kind: 'due_soon' | 'overdue'): DeadlineFactV1 => ({
    notificationId: `${kind}:material:${SUB}:1:2025-03-20`,
    submissionId: SUB,
    deadline: 'material',
    number: 1,
    dueBy: '2025-03-20',
    recipient: { organisationId: 'cn-220000-npcpg', audience: 'submitter' },
    submissionKind: 'request',
    category: 'major_issue',
    documentNumber: '吉人党字〔2025〕3号',
  });

  /** Both read models the rule reads, rebuilt into one read database. */
  async function readModels(): Promise<Database.Database> {
    const read = new ReadDatabase(join(log.dir, 'read-both.sqlite'));
    const runner = new ProjectionRunner(
      log.store,
      read.db,
      registry.projections,
      registry.catalogue,
    );
    await runner.rebuild('submissions');
    await runner.rebuild('notifications');
    closing.push(read);
    return read.db;
  }
  const closing: ReadDatabase[] = [];
  afterEach(() => closing.splice(0).forEach((r) => r.close()));

  it('Given a request received, material requested and its due soon recorded, When the rule is applied, Then only what is not recorded is pending, with whom to tell', async () => {
    await submission(
      'SubmissionDrafted',
      {
        submissionId: SUB,
        kind: 'request',
        category: 'major_issue',
        title: '关于黑土地保护的请示',
        summary: 's',
        body: 'b',
        documentNumber: null,
        classification: 'internal',
        replyRequestedBy: null,
        references: [],
        submittingOrganisationId: 'cn-220000-npcpg',
        addressedCommitteeId: 'cn-220000-pc',
        replacesSubmissionId: null,
        itemIds: [],
        decisionIds: [],
      },
      1,
      legislature,
      2,
    );
    await submission(
      'SubmissionSubmitted',
      { submittedAt: at(2), documentNumber: '吉人党字〔2025〕3号', replyDueBy: '2025-03-24' },
      2,
      legislature,
    );
    await submission('SubmissionReceived', { receivedAt: at(3), officeLogNumber: 'n' }, 3, office);
    await submission(
      'SupplementaryMaterialRequested',
      { requestNumber: 1, description: '请补充测算材料', dueBy: '2025-03-20' },
      4,
      office,
    );
    await log.append(
      `submission_deadlines-${SUB}`,
      'DeadlineApproached',
      materialFact('due_soon'),
      '2025-03-17T00:00:30.000Z',
      clock,
    );
    const db = await readModels();
    expect(snapshot(db, 'rm_deadline_notices')).toEqual([
      {
        notification_id: `due_soon:material:${SUB}:1:2025-03-20`,
        submission_id: SUB,
        at: '2025-03-17T00:00:30.000Z',
      },
    ]);
    // While material is awaited the reply's clock stops; the recorded due soon is not pending.
    expect(
      pendingDeadlineNotices(db, { today: '2025-03-18', soon: '2025-03-21', soonDays: 3 }),
    ).toEqual([]);
    expect(
      pendingDeadlineNotices(db, { today: '2025-03-21', soon: '2025-03-24', soonDays: 3 }),
    ).toEqual([
      {
        notificationId: `overdue:material:${SUB}:1:2025-03-20`,
        kind: 'overdue',
        deadline: 'material',
        submissionId: SUB,
        audience: 'submitter',
        dueBy: '2025-03-20',
        number: 1,
        organisationId: 'cn-220000-npcpg',
        submissionKind: 'request',
        category: 'major_issue',
        documentNumber: '吉人党字〔2025〕3号',
      },
    ]);
    await log.append(
      `submission_deadlines-${SUB}`,
      'DeadlinePassed',
      materialFact('overdue'),
      '2025-03-21T00:00:30.000Z',
      clock,
    );
    await submission(
      'SupplementaryMaterialSupplied',
      { requestNumber: 1, description: 'd', documentReferences: [], replyDueBy: '2025-03-27' },
      22,
      legislature,
      2,
    );
    // Supplied, the material owes nothing; the reply's moved due date comes near for the office.
    const after = await readModels();
    expect(
      pendingDeadlineNotices(after, { today: '2025-03-24', soon: '2025-03-27', soonDays: 3 }).map(
        (n) => [n.notificationId, n.organisationId],
      ),
    ).toEqual([[`due_soon:reply:${SUB}:2025-03-27`, 'cn-220000-pc']]);
  });
});
