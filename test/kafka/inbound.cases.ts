import { IHeaders, Partitioners, Producer } from 'kafkajs';
import { createHash, randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore } from '../../src/platform/event-store/event-store.port';
import { Integration } from '../../src/platform/integration/integration.service';
import {
  DEAD_LETTER_EXCERPT_BYTES,
  InboundConsumer,
} from '../../src/platform/integration/inbound-consumer';
import { topicNames } from '../../src/platform/integration/kafka';
import { deterministicUuid } from '../../src/platform/commands/command-handler';
import { DRAFT, STEPS } from '../support/flow';
import { TestApp, startTestApp } from '../support/test-app';
import { Received, collect, eventually, testKafka, uniquePrefix } from './support';

const PEOPLE = {
  fgw: {
    userId: 'office-fgw-1',
    userName: '法工委张三',
    organisationId: 'cn-220000-npc-fgw',
    roles: ['legislature'],
  },
  partyGroup: { userId: 'office-pg-1', organisationId: 'cn-220000-npcpg', roles: ['party_group'] },
  office: { userId: 'office-pco-1', organisationId: 'cn-220000-pco', roles: ['committee_office'] },
};

interface Command {
  type: string;
  body: unknown;
  onBehalfOf?: object;
  subject?: string;
  id?: string;
  /** Headers to add (repeated when a list), or to drop with `undefined`. */
  headers?: Record<string, string | string[] | undefined>;
  /** Bytes to send instead of the JSON body. */
  raw?: string;
}

export function inboundCases(brokers: string): void {
  describe('Inbound: commands from other systems over Kafka', () => {
    const prefix = uniquePrefix('inbound');
    const topics = topicNames(prefix);
    const kafka = testKafka(brokers);
    let t: TestApp;
    let store: EventStore;
    let inbound: InboundConsumer;
    let producer: Producer;

    /** Smaller than the commands topic's limit, so a refused large command cannot fit whole. */
    const deadLetterLimit = 100_000;

    beforeAll(async () => {
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({
        topics: [
          {
            topic: topics.deadLetter,
            configEntries: [{ name: 'max.message.bytes', value: String(deadLetterLimit) }],
          },
        ],
        waitForLeaders: true,
      });
      await admin.disconnect();
      t = await startTestApp({
        KAFKA_BROKERS: brokers,
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        INBOUND_SERVICE_IDENTITIES: 'office-system,archive-system',
        // The text of a draft like DRAFT (major_issue, confidential) may be shared; others not.
        INTEGRATION_TEXT_CATEGORIES: 'major_issue',
        PROCESS_ROLES: 'api,projector,inbound',
      });
      store = t.app.get(EVENT_STORE);
      inbound = t.app.get(Integration).inbound as InboundConsumer;
      producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
    }, 60_000);
    afterAll(async () => {
      await producer?.disconnect();
      await t?.close();
    });

    /** Sends a command the way an office system would; returns its `ce_id`. */
    async function send(command: Command): Promise<string> {
      const id = command.id ?? randomUUID();
      const headers: Record<string, string | string[] | undefined> = {
        ce_specversion: '1.0',
        ce_id: id,
        ce_type: `cn.legislink.command.${command.type}`,
        ce_source: 'office-system',
        ce_onbehalfof: JSON.stringify(command.onBehalfOf ?? PEOPLE.fgw),
        'content-type': 'application/json',
        ...(command.subject ? { ce_subject: command.subject } : {}),
        ...command.headers,
      };
      await producer.send({
        topic: topics.commands,
        messages: [
          {
            // Commands for one submission share a key, so they are consumed in order.
            key: command.subject ?? id,
            value: command.raw ?? JSON.stringify(command.body),
            headers: Object.fromEntries(
              Object.entries(headers).filter(([, v]) => v !== undefined),
            ) as IHeaders,
          },
        ],
      });
      return id;
    }

    const submissionOf = (commandId: string, userId = PEOPLE.fgw.userId) =>
      deterministicUuid(userId, `kafka:office-system:${commandId}`, 'submission');
    const detail = (id: string, user = 'jl-party-group') =>
      t.http.get(`/api/submissions/${id}`).set(t.as(user));
    const settled = (accepted: number, deadLettered = 0) =>
      eventually(() => {
        const s = inbound.status();
        return s.accepted >= accepted && s.deadLettered >= deadLettered;
      }, `${accepted} accepted, ${deadLettered} dead-lettered`);

    /**
     * Drafts through Kafka and waits until it is applied: only then does the sender learn the
     * new submission's id (from its drafted event) and key the following commands by it.
     */
    async function drafted(): Promise<string> {
      const before = inbound.status().accepted;
      const id = submissionOf(await send({ type: 'submission.draft.v1', body: DRAFT }));
      await settled(before + 1);
      return id;
    }

    it('applies commands like the HTTP API, recorded as the person the service acts for', async () => {
      const id = await drafted();
      await send({
        type: 'submission.discussion.record.v1',
        subject: id,
        body: STEPS.discuss.body,
        onBehalfOf: PEOPLE.partyGroup,
      });
      await send({
        type: 'submission.submit.v1',
        subject: id,
        body: {},
        onBehalfOf: PEOPLE.partyGroup,
      });
      const received = await send({
        type: 'submission.receive.v1',
        subject: id,
        body: STEPS.receive.body,
        onBehalfOf: PEOPLE.office,
        headers: { ce_correlationid: 'office-batch-7' },
      });
      await settled(4);

      await eventually(async () => (await detail(id)).body.status === 'received', 'the read model');
      const view = await detail(id, 'jl-office').expect(200);
      expect(view.body).toMatchObject({
        status: 'received',
        officeLogNumber: STEPS.receive.body.officeLogNumber,
      });
      expect(
        view.body.history.map((h: { actor: { userName: string } }) => h.actor.userName),
      ).toEqual([
        '法工委张三 (via office-system)',
        'office-pg-1 (via office-system)',
        'office-pg-1 (via office-system)',
        'office-pco-1 (via office-system)',
      ]);
      const events = await store.readStream(`submission-${id}`);
      expect(events[3].metadata).toMatchObject({
        causationId: received,
        correlationId: 'office-batch-7',
      });
    });

    it('dead-letters each kind of bad message with the error and the original bytes, and carries on', async () => {
      const id = await drafted();
      await send({
        type: 'submission.discussion.record.v1',
        subject: id,
        body: STEPS.discuss.body,
        onBehalfOf: PEOPLE.partyGroup,
      });
      const before = inbound.status();

      const bad: (Command & { case: string; status: number; error: RegExp })[] = [
        {
          case: 'unparseable',
          type: 'submission.draft.v1',
          body: null,
          raw: '{"kind": "request",',
          status: 400,
          error: /not valid JSON/,
        },
        {
          case: 'unknown type',
          type: 'submission.approve.v1',
          body: DRAFT,
          status: 400,
          error: /Unknown command type/,
        },
        {
          case: 'invalid body',
          type: 'submission.draft.v1',
          body: { ...DRAFT, title: '', colour: 'red' },
          status: 400,
          error: /title must be longer than or equal to 1 characters/,
        },
        {
          case: 'unknown service',
          type: 'submission.draft.v1',
          body: DRAFT,
          headers: { ce_source: 'rogue-system' },
          status: 403,
          error: /rogue-system may not send/,
        },
        {
          case: 'unregistered organisation',
          type: 'submission.draft.v1',
          body: DRAFT,
          onBehalfOf: { ...PEOPLE.fgw, organisationId: 'cn-999999-pc' },
          status: 403,
          error: /cn-999999-pc is not registered/,
        },
        {
          case: 'admin role',
          type: 'submission.draft.v1',
          body: DRAFT,
          onBehalfOf: { ...PEOPLE.fgw, roles: ['admin'] },
          status: 400,
          error: /roles/,
        },
        {
          case: 'not a UUID',
          type: 'submission.submit.v1',
          subject: 'not-a-uuid',
          body: {},
          status: 400,
          error: /ce_subject/,
        },
        {
          case: 'no ce_id',
          type: 'submission.draft.v1',
          body: DRAFT,
          headers: { ce_id: undefined },
          status: 400,
          error: /ce_id is required/,
        },
        {
          case: 'no spec version',
          type: 'submission.draft.v1',
          body: DRAFT,
          headers: { ce_specversion: undefined },
          status: 400,
          error: /ce_specversion must be 1.0/,
        },
        {
          case: 'repeated header',
          type: 'submission.draft.v1',
          body: DRAFT,
          headers: { ce_correlationid: ['a', 'b'] },
          status: 400,
          error: /ce_correlationid appears more than once/,
        },
        {
          case: 'structured mode',
          type: 'submission.draft.v1',
          body: DRAFT,
          headers: { 'content-type': 'application/cloudevents+json' },
          status: 415,
          error: /binary mode/,
        },
        {
          case: 'wrong role',
          type: 'submission.submit.v1',
          subject: id,
          body: {},
          status: 403,
          error: /party_group/,
        },
        {
          case: 'invalid step',
          type: 'submission.discussion.record.v1',
          subject: id,
          body: STEPS.discuss.body,
          onBehalfOf: PEOPLE.partyGroup,
          status: 409,
          error: /Cannot record party group discussion/,
        },
        {
          case: 'unknown submission',
          type: 'submission.receive.v1',
          subject: randomUUID(),
          body: STEPS.receive.body,
          onBehalfOf: PEOPLE.office,
          status: 404,
          error: /not found/,
        },
      ];
      for (const command of bad) {
        await send({ ...command, headers: { ...command.headers, 'x-test-case': command.case } });
      }
      // The consumer carries on: a good command after the bad ones is applied.
      await send({
        type: 'submission.submit.v1',
        subject: id,
        body: {},
        onBehalfOf: PEOPLE.partyGroup,
      });
      await settled(before.accepted + 1, before.deadLettered + bad.length);
      await eventually(
        async () => (await detail(id)).body.status === 'submitted',
        'the submission to be submitted',
      );

      const dead = await collect(kafka, [topics.deadLetter], (r) => r.length >= bad.length);
      expect(dead).toHaveLength(bad.length);
      for (const command of bad) {
        const record = dead.find((r) => r.headers['x-test-case'] === command.case)!;
        expect(record).toBeDefined();
        expect(record.headers).toMatchObject({
          'x-error-status': String(command.status),
          'x-original-topic': topics.commands,
          ce_type: `cn.legislink.command.${command.type}`,
        });
        expect(record.headers['x-error']).toMatch(command.error);
        // Machine-readable: at least one broken rule naming its field, and ISO 8601 times.
        const { errors } = JSON.parse(record.headers['x-error-details']) as { errors: unknown[] };
        expect(errors.length).toBeGreaterThan(0);
        for (const error of errors) {
          expect(error).toEqual({
            field: expect.stringMatching(/\S/),
            rule: expect.stringMatching(/\S/),
            message: expect.stringMatching(/\S/),
          });
        }
        for (const header of ['x-original-timestamp', 'x-dead-lettered-at']) {
          expect(record.headers[header]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        }
        if (command.case === 'unparseable' || command.case === 'unknown type') {
          // Neither its category nor even its fields can be told: none of its value stays.
          expect(record.raw === null || record.raw.length === 0).toBe(true);
          const bytes = Buffer.from(command.raw ?? JSON.stringify(command.body));
          expect(record.headers).toMatchObject({
            'x-original-redacted': '*',
            'x-original-size': String(bytes.length),
            'x-original-sha256': createHash('sha256').update(bytes).digest('hex'),
          });
        } else {
          // A category whose text may be shared (or no text at all): kept as sent.
          expect(record.raw!.toString('utf8')).toBe(command.raw ?? JSON.stringify(command.body));
          expect(record.headers).not.toHaveProperty('x-original-redacted');
        }
      }
      const invalid = dead.find((r) => r.headers['x-test-case'] === 'invalid body')!;
      expect(JSON.parse(invalid.headers['x-error-details']).errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'title', rule: 'isLength' }),
          expect.objectContaining({ field: 'colour', rule: 'unknown_field' }),
        ]),
      );
      const errorsOf = (name: string) =>
        JSON.parse(dead.find((r) => r.headers['x-test-case'] === name)!.headers['x-error-details'])
          .errors as { field: string; rule: string }[];
      expect(errorsOf('unparseable')).toMatchObject([{ field: 'body', rule: 'json' }]);
      expect(errorsOf('no spec version')).toMatchObject([{ field: 'ce_specversion' }]);
      expect(errorsOf('repeated header')).toMatchObject([
        { field: 'ce_correlationid', rule: 'unique' },
      ]);
      expect(errorsOf('unknown service')).toMatchObject([
        { field: 'ce_source', rule: 'allowedService' },
      ]);
      expect(errorsOf('structured mode')).toMatchObject([
        { field: 'content-type', rule: 'mediaType' },
      ]);
      expect(errorsOf('unknown submission')).toMatchObject([
        { field: 'ce_subject', rule: 'notFound' },
      ]);
    });

    it('dead-letters a refused command too large for the dead-letter topic as an excerpt with size and digest, and moves on', async () => {
      const before = inbound.status();
      // Refused for its unknown field; its category's text may be shared, so it is kept whole.
      const raw = JSON.stringify({
        ...DRAFT,
        colour: 'red',
        body: '长'.repeat(deadLetterLimit / 2),
      });
      const id = await send({ type: 'submission.draft.v1', body: null, raw });
      const good = await send({ type: 'submission.draft.v1', body: DRAFT });
      await settled(before.accepted + 1, before.deadLettered + 1);
      expect(inbound.status().retrying).toBeNull();
      expect((await detail(submissionOf(good), 'jl-party-group')).status).toBe(200);

      const dead = await collect(kafka, [topics.deadLetter], (r) =>
        r.some((m) => m.headers.ce_id === id),
      );
      const record = dead.find((m) => m.headers.ce_id === id)!;
      const bytes = Buffer.from(raw);
      expect(record.headers).toMatchObject({
        'x-error-status': '400',
        'x-original-truncated': 'true',
        'x-original-size': String(bytes.length),
        'x-original-sha256': createHash('sha256').update(bytes).digest('hex'),
      });
      expect(record.raw!.length).toBe(DEAD_LETTER_EXCERPT_BYTES);
      expect(bytes.subarray(0, DEAD_LETTER_EXCERPT_BYTES).equals(record.raw!)).toBe(true);
    });

    it('appends nothing twice for a redelivered message', async () => {
      const before = inbound.status().accepted;
      const draft = { type: 'submission.draft.v1', body: DRAFT, id: randomUUID() };
      await send(draft);
      await send(draft);
      await settled(before + 2);
      const id = submissionOf(draft.id);
      const amend = {
        type: 'submission.amend.v1',
        subject: id,
        body: { summary: '补充说明' },
        id: randomUUID(),
      };
      await send(amend);
      await send(amend);
      await settled(before + 4);
      const events = await store.readStream(`submission-${id}`);
      expect(events.map((e) => e.type)).toEqual(['SubmissionDrafted', 'SubmissionDraftAmended']);
    });

    const replyTopic = `${prefix}command-replies`;
    const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    /** The replies on `topic` to the commands `ids`, once each has one. */
    async function repliesTo(ids: string[], topic = replyTopic): Promise<Received[]> {
      const received = await collect(kafka, [topic], (r) =>
        ids.every((id) => r.some((m) => m.headers.ce_causationid === id)),
      );
      return received.filter((m) => ids.includes(m.headers.ce_causationid));
    }
    const replyTo = (replies: Received[], id: string) =>
      replies.find((m) => m.headers.ce_causationid === id)!;

    it('replies to each accepted command with the ids, revision, status and events, correlated by ce_causationid and keyed like the command', async () => {
      const before = inbound.status();
      const draftId = await send({ type: 'submission.draft.v1', body: DRAFT });
      await settled(before.accepted + 1);
      // The documented rule: the id derives from the person acted for, ce_source and ce_id.
      const id = deterministicUuid(
        PEOPLE.fgw.userId,
        `kafka:office-system:${draftId}`,
        'submission',
      );
      const [drafted] = await repliesTo([draftId]);
      expect(drafted.key).toBe(draftId);
      expect(drafted.headers).toMatchObject({
        ce_specversion: '1.0',
        ce_type: 'cn.legislink.reply.accepted.v1',
        ce_source: 'urn:legislink:legislink',
        ce_subject: id,
        ce_causationid: draftId,
        ce_correlationid: draftId,
        'content-type': 'application/json',
      });
      expect(drafted.headers.ce_time).toMatch(ISO);
      expect(drafted.value).toEqual({
        outcome: 'accepted',
        command: {
          id: draftId,
          type: 'cn.legislink.command.submission.draft.v1',
          source: 'office-system',
        },
        id,
        created: true,
        submissionId: id,
        revision: 0,
        status: 'drafted',
        events: ['SubmissionDrafted'],
      });
      // The reply tells nothing of the text.
      expect(drafted.raw!.toString('utf8')).not.toContain(DRAFT.title);

      const steps = [
        await send({
          type: 'submission.discussion.record.v1',
          subject: id,
          body: STEPS.discuss.body,
          onBehalfOf: PEOPLE.partyGroup,
        }),
        await send({
          type: 'submission.submit.v1',
          subject: id,
          body: {},
          onBehalfOf: PEOPLE.partyGroup,
          headers: { ce_correlationid: 'office-batch-9' },
        }),
        await send({
          type: 'submission.receive.v1',
          subject: id,
          body: STEPS.receive.body,
          onBehalfOf: PEOPLE.office,
        }),
        await send({
          type: 'material.request.v1',
          subject: id,
          body: { description: '请补充有关材料', dueBy: '2025-03-20' },
          onBehalfOf: PEOPLE.office,
        }),
      ];
      const replies = await repliesTo(steps);
      expect(steps.map((s) => replyTo(replies, s).value)).toMatchObject([
        { outcome: 'accepted', id, revision: 1, status: 'discussed' },
        { outcome: 'accepted', id, revision: 2, status: 'submitted', created: false },
        { outcome: 'accepted', id, revision: 3, status: 'received' },
        // What the command's respond() adds: the material request's number.
        {
          outcome: 'accepted',
          id,
          revision: 4,
          events: ['SupplementaryMaterialRequested'],
          requestNumber: 1,
        },
      ]);
      expect(replyTo(replies, steps[1]).headers.ce_correlationid).toBe('office-batch-9');
      for (const step of steps) expect(replyTo(replies, step).key).toBe(id);
    });

    it('replies the same to a redelivered command', async () => {
      const draft = { type: 'submission.draft.v1', body: DRAFT, id: randomUUID() };
      await send(draft);
      await send(draft);
      const replies = await collect(
        kafka,
        [replyTopic],
        (r) => r.filter((m) => m.headers.ce_causationid === draft.id).length >= 2,
      ).then((r) => r.filter((m) => m.headers.ce_causationid === draft.id));
      expect(replies).toHaveLength(2);
      expect(replies[1].headers.ce_id).toBe(replies[0].headers.ce_id);
      expect(replies[1].value).toEqual(replies[0].value);
      expect(replies[0].value).toMatchObject({
        outcome: 'accepted',
        submissionId: submissionOf(draft.id),
        revision: 0,
      });
    });

    it('replies to each refused command with the problem the dead letter carries, never its body', async () => {
      const secret = {
        ...DRAFT,
        classification: 'secret',
        title: '绝密标题一',
        body: '绝密正文一',
      };
      const refused = [
        await send({ type: 'submission.draft.v1', body: { ...secret, colour: 'red' } }),
        await send({
          type: 'submission.receive.v1',
          subject: randomUUID(),
          body: STEPS.receive.body,
          onBehalfOf: PEOPLE.office,
        }),
        await send({ type: 'submission.draft.v1', body: null, raw: '{"title": "绝密标题一",' }),
      ];
      const replies = await repliesTo(refused);
      const dead = await collect(kafka, [topics.deadLetter], (r) =>
        refused.every((id) => r.some((m) => m.headers.ce_id === id)),
      );
      for (const id of refused) {
        const reply = replyTo(replies, id);
        const letter = dead.find((m) => m.headers.ce_id === id)!;
        expect(reply.headers).toMatchObject({ ce_type: 'cn.legislink.reply.refused.v1' });
        expect(reply.headers.ce_time).toMatch(ISO);
        const { errors, ...extra } = JSON.parse(letter.headers['x-error-details']) as {
          errors: unknown[];
        };
        expect(reply.value).toEqual({
          outcome: 'refused',
          command: { id, type: letter.headers.ce_type, source: 'office-system' },
          status: Number(letter.headers['x-error-status']),
          title: letter.headers['x-error-title'],
          detail: letter.headers['x-error'],
          ...extra,
          errors,
        });
        expect(errors.length).toBeGreaterThan(0);
        for (const error of errors) {
          expect(error).toEqual({
            field: expect.stringMatching(/\S/),
            rule: expect.stringMatching(/\S/),
            message: expect.stringMatching(/\S/),
          });
        }
        expect(reply.raw!.toString('utf8')).not.toContain('绝密');
      }
      expect(replyTo(replies, refused[1]).value).toMatchObject({
        status: 404,
        errors: [{ field: 'ce_subject', rule: 'notFound' }],
      });
    });

    it('keeps a refused secret or unshared draft’s text out of the dead-letter topic, and an allowed category’s in', async () => {
      const refuse = (body: object) =>
        send({ type: 'submission.draft.v1', body: { ...body, colour: 'red' } });
      const secret = {
        ...DRAFT,
        classification: 'secret',
        title: '绝密标题二',
        body: '绝密正文二',
      };
      const unshared = { ...DRAFT, category: 'drafting', title: '机密标题二', body: '机密正文二' };
      const internal = { ...DRAFT, classification: 'internal', title: '内部标题二' };
      const ids = {
        secret: await refuse(secret),
        unshared: await refuse(unshared),
        internal: await refuse(internal),
      };
      const dead = await collect(kafka, [topics.deadLetter], (r) =>
        Object.values(ids).every((id) => r.some((m) => m.headers.ce_id === id)),
      );
      const letter = (id: string) => dead.find((m) => m.headers.ce_id === id)!;
      for (const [id, body] of [
        [ids.secret, secret],
        [ids.unshared, unshared],
      ] as const) {
        const sent = Buffer.from(JSON.stringify({ ...body, colour: 'red' }));
        const record = letter(id);
        expect(record.raw!.toString('utf8')).not.toContain(body.title);
        expect(record.raw!.toString('utf8')).not.toContain(body.body);
        expect(record.headers).toMatchObject({
          'x-original-redacted': 'title,summary,body',
          'x-original-size': String(sent.length),
          'x-original-sha256': createHash('sha256').update(sent).digest('hex'),
          'x-error-status': '400',
        });
        expect(record.value).toEqual({
          ...body,
          colour: 'red',
          title: { redacted: true, bytes: Buffer.byteLength(JSON.stringify(body.title)) },
          summary: { redacted: true, bytes: Buffer.byteLength(JSON.stringify(body.summary)) },
          body: { redacted: true, bytes: Buffer.byteLength(JSON.stringify(body.body)) },
        });
      }
      expect(letter(ids.internal).raw!.toString('utf8')).toBe(
        JSON.stringify({ ...internal, colour: 'red' }),
      );
      expect(letter(ids.internal).headers).not.toHaveProperty('x-original-redacted');

      // A step's text goes with its submission's: here a category whose text is not shared.
      const before = inbound.status().accepted;
      const draftId = await send({
        type: 'submission.draft.v1',
        body: { ...DRAFT, category: 'drafting' },
      });
      await settled(before + 1);
      const id = submissionOf(draftId);
      const discuss = {
        type: 'submission.discussion.record.v1',
        subject: id,
        body: { ...STEPS.discuss.body, minutesReference: '机密纪要〔2025〕9号' },
        onBehalfOf: PEOPLE.partyGroup,
      };
      await send(discuss);
      // Discussed already: the submission refuses the second one (409).
      const again = await send(discuss);
      const [record] = await collect(kafka, [topics.deadLetter], (r) =>
        r.some((m) => m.headers.ce_id === again),
      ).then((r) => r.filter((m) => m.headers.ce_id === again));
      expect(record.headers).toMatchObject({
        'x-error-status': '409',
        'x-original-redacted': 'minutesReference',
      });
      expect(record.value).toEqual({
        ...discuss.body,
        minutesReference: {
          redacted: true,
          bytes: Buffer.byteLength(JSON.stringify(discuss.body.minutesReference)),
        },
      });
    });

    it('replies on a ce_replyto topic under the reply topic, and refuses any other', async () => {
      const own = `${replyTopic}.office-system`;
      const foreign = `${prefix}foreign`;
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({
        topics: [{ topic: own }, { topic: foreign }],
        waitForLeaders: true,
      });
      const toOwn = await send({
        type: 'submission.draft.v1',
        body: DRAFT,
        headers: { ce_replyto: own },
      });
      const toForeign = await send({
        type: 'submission.draft.v1',
        body: DRAFT,
        headers: { ce_replyto: foreign },
      });
      const [mine] = await repliesTo([toOwn], own);
      expect(mine.value).toMatchObject({ outcome: 'accepted', submissionId: submissionOf(toOwn) });
      const [refusal] = await repliesTo([toForeign]);
      expect(refusal.value).toMatchObject({
        outcome: 'refused',
        status: 400,
        errors: [{ field: 'ce_replyto', rule: 'allowedReplyTopic' }],
      });
      const offsets = await admin.fetchTopicOffsets(foreign);
      await admin.disconnect();
      expect(offsets.every((o) => o.high === '0')).toBe(true);
      expect((await detail(submissionOf(toForeign))).status).toBe(404);
    });

    it('gives up on a reply it cannot send after bounded retries, parks it with the reason, and moves on', async () => {
      const before = inbound.status();
      const missing = `${replyTopic}.nobody`;
      const lost = await send({
        type: 'submission.draft.v1',
        body: DRAFT,
        headers: { ce_replyto: missing },
      });
      const next = await send({ type: 'submission.draft.v1', body: DRAFT });
      await settled(before.accepted + 2);
      expect(inbound.status()).toMatchObject({
        retrying: null,
        replyFailures: before.replyFailures + 1,
        repliesParked: before.repliesParked + 1,
        lastReplyFailure: {
          command: lost,
          topic: missing,
          at: expect.stringMatching(ISO),
          parked: true,
        },
      });
      // Parked as it was, with the topic it was for and why it did not get there.
      const [parked] = await repliesTo([lost], `${prefix}inbound.parking`);
      expect(parked.headers).toMatchObject({
        ce_type: 'cn.legislink.reply.accepted.v1',
        'x-parked-topic': missing,
        'x-parked-at': expect.stringMatching(ISO),
      });
      expect(parked.headers['x-parked-reason']).toBeTruthy();
      expect(parked.value).toMatchObject({ outcome: 'accepted', submissionId: submissionOf(lost) });
      // Applied all the same, and the command after it is applied and replied to.
      expect((await detail(submissionOf(lost))).status).toBe(200);
      const [reply] = await repliesTo([next]);
      expect(reply.value).toMatchObject({ outcome: 'accepted', submissionId: submissionOf(next) });
      // Resending it with the same ce_id and a reachable reply topic gets the reply after all.
      await send({ type: 'submission.draft.v1', body: DRAFT, id: lost });
      const [late] = await repliesTo([lost]);
      expect(late.value).toMatchObject({
        outcome: 'accepted',
        submissionId: submissionOf(lost),
        revision: 0,
      });
    });
  });
}
