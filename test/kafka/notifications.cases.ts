import { DeadlineSweep } from '../../src/modules/deadlines/deadline-sweep';
import { EVENT_STORE, EventStore } from '../../src/platform/event-store/event-store.port';
import { Integration } from '../../src/platform/integration/integration.service';
import { Relay } from '../../src/platform/integration/relay';
import { submissionAt } from '../support/flow';
import { TestApp, startTestApp } from '../support/test-app';
import { relayCaughtUp } from './relay.cases';
import { Received, collect, dedupe, testKafka, uniquePrefix } from './support';

/**
 * The steps that notify, and the due dates the clock sweep found near or past, reach the
 * notifications topic: whom to tell, never text.
 */
export function notificationCases(brokers: string): void {
  describe('Relay: notifications for SMS and OA gateways', () => {
    const prefix = uniquePrefix('notify');
    const kafka = testKafka(brokers);
    let t: TestApp;
    let store: EventStore;
    let relay: Relay;

    beforeAll(async () => {
      t = await startTestApp({
        KAFKA_BROKERS: brokers,
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        // Even with the category's text allowed, a notification carries none.
        INTEGRATION_TEXT_CATEGORIES: 'major_issue',
        PROCESS_ROLES: 'api,projector,relay,deadlines',
        // The sweep at start-up finds nothing due; the test sweeps when it moves the clock.
        DEADLINE_SWEEP_INTERVAL_MS: '86400000',
      });
      store = t.app.get(EVENT_STORE);
      relay = t.app.get(Integration).relay as Relay;
    }, 60_000);
    afterAll(() => t?.close());

    it('publishes material requested, answered and feedback given, addressed to the side to tell, beside the submission events', async () => {
      const id = await submissionAt(t, 'receive');
      await t.http
        .post(`/api/submissions/${id}/material-requests`)
        .set(t.as('jl-office'))
        .send({ description: '请补充测算材料', dueBy: '2025-03-20' })
        .expect(200);
      await t.http
        .post(`/api/submissions/${id}/material-requests/1/supply`)
        .set(t.as('jl-party-group'))
        .send({ description: '测算材料', documentReferences: ['附件1'] })
        .expect(200);
      for (const name of ['committee-meetings', 'opinion'] as const) {
        const body =
          name === 'opinion'
            ? {
                documentNumber: '吉委办函〔2025〕21号',
                outcome: 'approved_with_opinions',
                points: [{ number: 1, text: '进一步明确补偿标准' }],
              }
            : { meetingKind: 'standing_committee_meeting', meetingDate: '2025-03-10' };
        await t.http
          .post(`/api/submissions/${id}/${name === 'opinion' ? 'opinion' : name}`)
          .set(t.as('jl-office'))
          .send(body)
          .expect(200);
      }
      await t.http
        .post(`/api/submissions/${id}/opinion/points/1/feedback`)
        .set(t.as('jl-party-group'))
        .send({ adoption: 'adopted' })
        .expect(200);
      const events = await relayCaughtUp(relay, store);
      const received = dedupe(
        await collect(kafka, [`${prefix}notifications`], (r) => dedupe(r).length >= 3),
      );
      const source = (type: string) => events.find((e) => e.type === type)!;
      expect(
        received.map((r) => [r.headers.ce_type, r.key, (r.value as { kind: string }).kind]),
      ).toEqual([
        ['cn.legislink.notification.material_requested.v1', id, 'material_requested'],
        ['cn.legislink.notification.answered.v1', id, 'answered'],
        ['cn.legislink.notification.feedback_given.v1', id, 'feedback_given'],
      ]);
      expect(received[0].value).toEqual({
        notificationId: `material_requested:${id}:1`,
        kind: 'material_requested',
        recipient: { organisationId: 'cn-220000-npcpg', audience: 'submitter' },
        submissionId: id,
        submissionKind: 'request',
        category: 'major_issue',
        dueBy: '2025-03-20',
        number: 1,
        documentNumber: '吉人党字〔2025〕3号',
      });
      expect(received[2].value).toMatchObject({
        recipient: { organisationId: 'cn-220000-pc', audience: 'addressee' },
        number: 1,
      });
      const opinion = source('OpinionIssued');
      expect(received[1].headers).toMatchObject({
        ce_subject: id,
        ce_time: opinion.metadata.occurredAt,
        ce_correlationid: opinion.metadata.correlationId,
      });
      // An id of its own, not the submission event's.
      expect(received[1].headers.ce_id).not.toBe(opinion.eventId);
      const raw = received.map((r) => r.raw!.toString('utf8')).join('\n');
      for (const text of ['补充测算材料', '补偿标准', '黑土地']) expect(raw).not.toContain(text);
    });

    it('publishes the reply due soon and then overdue, once each, to the addressed committee, keyed by the submission', async () => {
      t.clock.set('2025-03-10T02:00:00.000Z');
      const id = await submissionAt(t, 'submit');
      const detail = await t.http.get(`/api/submissions/${id}`).set(t.as('jl-office')).expect(200);
      const replyDueBy = detail.body.replyDueBy as string;
      const sweep = () => t.app.get(DeadlineSweep).sweep();
      t.clock.set(`${replyDueBy}T02:00:00.000Z`);
      await sweep();
      const nextDay = new Date(`${replyDueBy}T02:00:00.000Z`);
      nextDay.setUTCDate(nextDay.getUTCDate() + 1);
      t.clock.set(nextDay);
      await sweep();
      await sweep();
      const events = await relayCaughtUp(relay, store);
      const ours = (records: Received[]) => dedupe(records).filter((r) => r.key === id);
      const received = ours(
        await collect(kafka, [`${prefix}notifications`], (r) => ours(r).length >= 2),
      );
      expect(received.map((r) => r.headers.ce_type)).toEqual([
        'cn.legislink.notification.due_soon.v1',
        'cn.legislink.notification.overdue.v1',
      ]);
      expect(received[1].value).toEqual({
        notificationId: `overdue:reply:${id}:${replyDueBy}`,
        kind: 'overdue',
        deadline: 'reply',
        recipient: { organisationId: 'cn-220000-pc', audience: 'addressee' },
        submissionId: id,
        submissionKind: 'request',
        category: 'major_issue',
        dueBy: replyDueBy,
        number: null,
        documentNumber: '吉人党字〔2025〕3号',
      });
      expect(received[0].value).toMatchObject({
        notificationId: `due_soon:reply:${id}:${replyDueBy}`,
        kind: 'due_soon',
      });
      const passed = events.find(
        (e) => e.type === 'DeadlinePassed' && e.streamId === `submission_deadlines-${id}`,
      )!;
      expect(received[1].headers).toMatchObject({
        ce_id: passed.eventId,
        ce_subject: id,
        ce_time: nextDay.toISOString(),
      });
      const raw = received.map((r) => r.raw!.toString('utf8')).join('\n');
      expect(raw).not.toContain('黑土地');
    });
  });
}
