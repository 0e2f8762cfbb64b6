import { RecordedEvent } from '../../src/events/envelope';
import { EVENT_STORE, EventStore } from '../../src/platform/event-store/event-store.port';
import { Integration } from '../../src/platform/integration/integration.service';

import { Relay } from '../../src/platform/integration/relay';
import { DRAFT, draft, submissionAt } from '../support/flow';
import { TestApp, startTestApp } from '../support/test-app';
import { Received, collect, eventually, testKafka, uniquePrefix } from './support';

const TYPE_OF: Record<string, string> = {
  OrganisationRegistered: 'cn.legislink.organisation.registered.v1',
  SubmissionDrafted: 'cn.legislink.submission.drafted.v1',
  PartyGroupDiscussionRecorded: 'cn.legislink.submission.party_group_discussed.v1',
  SubmissionSubmitted: 'cn.legislink.submission.submitted.v1',
  SubmissionReceived: 'cn.legislink.submission.received.v1',
  CommitteeMeetingRecorded: 'cn.legislink.submission.committee_meeting_recorded.v1',
  OpinionIssued: 'cn.legislink.submission.opinion_issued.v1',
  OpinionPointFeedbackGiven: 'cn.legislink.submission.feedback_given.v1',
  SubmissionClosed: 'cn.legislink.submission.closed.v1',
};

export async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  return store.readAll({ from: 'start', maxCount: 1_000_000 });
}

/** Resolves once the relay's checkpoint has reached the last event in the store. */
export async function relayCaughtUp(relay: Relay, store: EventStore, timeoutMs = 20_000) {
  const events = await allEvents(store);
  const last = events[events.length - 1].position;
  await eventually(() => relay.status().checkpoint === last, `relay checkpoint ${last}`, timeoutMs);
  return events;
}

export function relayCases(brokers: string): void {
  describe('Relay: the log to public integration events', () => {
    const prefix = uniquePrefix('relay');
    const kafka = testKafka(brokers);
    let t: TestApp;
    let store: EventStore;
    let relay: Relay;

    beforeAll(async () => {
      t = await startTestApp({
        KAFKA_BROKERS: brokers,
        KAFKA_TOPIC_PREFIX: prefix,
        // ce_source is SERVICE_IDENTITY (default), whatever the client id.
        KAFKA_CLIENT_ID: 'legislink-relay-7',
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        INTEGRATION_TEXT_CATEGORIES: 'legislative_plan',
        PROCESS_ROLES: 'api,projector,relay',
      });
      store = t.app.get(EVENT_STORE);
      relay = t.app.get(Integration).relay as Relay;
    }, 60_000);
    afterAll(() => t?.close());

    it('publishes every event to its topic, keyed by aggregate, as a CloudEvent, in order per key', async () => {
      const id = await submissionAt(t, 'opinion');
      for (const point of [1, 2]) {
        await t.http
          .post(`/api/submissions/${id}/opinion/points/${point}/feedback`)
          .set(t.as('jl-fgw'))
          .send({ adoption: 'not_adopted', explanation: `理由${point}` })
          .expect(200);
      }
      const events = await relayCaughtUp(relay, store);
      const received = await collect(
        kafka,
        [`${prefix}submissions`, `${prefix}organisations`],
        (r) => r.length >= events.length,
      );

      expect(received).toHaveLength(events.length);
      const byId = new Map(received.map((r) => [r.headers.ce_id, r]));
      for (const event of events) {
        const message = byId.get(event.eventId) as Received;
        const [aggregate, aggregateId] = /^(\w+)-(.+)$/.exec(event.streamId)!.slice(1);
        expect(message).toMatchObject({
          topic: aggregate === 'submission' ? `${prefix}submissions` : `${prefix}organisations`,
          key: aggregateId,
          headers: {
            ce_specversion: '1.0',
            ce_id: event.eventId,
            ce_type: TYPE_OF[event.type],
            ce_source: 'urn:legislink:legislink',
            ce_subject: aggregateId,
            ce_time: event.metadata.occurredAt,
            ce_revision: String(event.revision),
            ce_correlationid: event.metadata.correlationId,
            'content-type': 'application/json',
          },
        });
      }
      // Per key, records sit in one partition in the order of the stream's revisions.
      const streams = new Map<string, Received[]>();
      for (const r of received) streams.set(r.key!, [...(streams.get(r.key!) ?? []), r]);
      for (const records of streams.values()) {
        expect(new Set(records.map((r) => r.partition)).size).toBe(1);
        const revisions = records
          .sort((a, b) => a.offset - b.offset)
          .map((r) => Number(r.headers.ce_revision));
        expect(revisions).toEqual(revisions.map((_, i) => i));
      }
      expect(
        byId.get(events.find((e) => e.type === 'SubmissionClosed')!.eventId)!.value,
      ).toMatchObject({
        submissionId: id,
        kind: 'request',
        category: 'major_issue',
        reason: 'all_points_answered',
      });
    });

    it('keeps text out unless its category is enabled (here legislative_plan)', async () => {
      const confidential = await submissionAt(t, 'opinion');
      const plan = await draft(t, {
        ...DRAFT,
        category: 'legislative_plan',
        title: '2026年度立法计划',
      });
      const keys = [confidential, plan];
      const expected = (await relayCaughtUp(relay, store)).filter((e) =>
        keys.some((id) => e.streamId === `submission-${id}`),
      ).length;
      const received = await collect(
        kafka,
        [`${prefix}submissions`],
        (r) => r.filter((m) => keys.includes(m.key!)).length >= expected,
      );
      const ofConfidential = received.filter((m) => m.key === confidential);
      const raw = ofConfidential.map((m) => m.raw!.toString('utf8')).join('\n');
      for (const secret of [
        DRAFT.title,
        DRAFT.summary,
        DRAFT.body,
        '进一步明确补偿标准',
        '党组会议纪要',
      ]) {
        expect(raw).not.toContain(secret);
      }
      expect(
        ofConfidential.find((m) => m.headers.ce_type.endsWith('.opinion_issued.v1'))!.value,
      ).toMatchObject({
        pointCount: 2,
        pointNumbers: [1, 2],
        outcome: 'approved_with_opinions',
        text: null,
      });
      const drafted = received.find(
        (m) => m.key === plan && m.headers.ce_type.endsWith('.drafted.v1'),
      )!;
      expect(drafted.value).toMatchObject({
        category: 'legislative_plan',
        text: { title: '2026年度立法计划', summary: DRAFT.summary, body: DRAFT.body },
      });
    });

    it('reports the broker and the relay in readiness and status', async () => {
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body.checks).toMatchObject({
        kafka: { status: 'up', detail: expect.stringMatching(/^cluster .+, 1 broker\(s\)$/) },
        relay: {
          status: 'up',
          detail: expect.stringMatching(/^leader, checkpoint \d+\/\d+, 0 event\(s\) to publish$/),
        },
      });
      const status = await t.http.get('/health/integration').expect(200);
      expect(status.body).toMatchObject({
        kafka: { topicPrefix: prefix },
        relay: { role: 'leader', failing: null, lag: { events: 0 } },
        inbound: null,
      });
    });
  });
}
