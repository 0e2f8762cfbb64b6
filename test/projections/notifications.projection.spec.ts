import { Actor } from '../../src/events/envelope';
import { NotificationRow } from '../../src/projections/notifications.projection';
import { LogFixture } from '../support/projection-fixture';

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
