import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IHeaders } from 'kafkajs';
import { FEATURES } from '../src/features';
import { STEPS } from '../src/modules/submissions/submission.policy';
import { DraftSubmissionDto } from '../src/modules/submissions/submission.dto';
import { SubmissionCommandEnvironment } from '../src/modules/submissions/submission.environment';
import { OrganisationProfile } from '../src/platform/access/actor';
import { CommandContext, deterministicUuid } from '../src/platform/commands/command-handler';
import { InvalidStepError, NotFoundError } from '../src/platform/kernel/domain-errors';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import {
  CommandRunner,
  InboundCommandProcessor,
  InboundRejection,
  inboundCommandTypes,
  parseInboundCommand,
} from '../src/platform/integration/inbound-commands';

const registry = new FeatureRegistry(FEATURES);

const SUBMISSION = '6f1c8a52-3f0e-4bb8-9d0e-2a7f5f0c1d11';
const DRAFT = {
  kind: 'request',
  category: 'major_issue',
  title: '关于有关重大问题的请示',
  summary: 'summary',
  body: 'body',
  classification: 'confidential',
  addressedCommitteeId: 'cn-220000-pc',
};
const PARTY_GROUP = {
  userId: 'u-7',
  userName: '李四',
  organisationId: 'cn-220000-npcpg',
  roles: ['party_group'],
};

function headers(overrides: Record<string, string | undefined> = {}): IHeaders {
  const all: Record<string, string | undefined> = {
    ce_specversion: '1.0',
    ce_id: 'cmd-1',
    ce_type: 'cn.legislink.command.submission.draft.v1',
    ce_source: 'office-system',
    ce_onbehalfof: JSON.stringify(PARTY_GROUP),
    'content-type': 'application/json; charset=utf-8',
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(all)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Buffer.from(v as string)]),
  );
}

const body = (value: unknown) => Buffer.from(JSON.stringify(value));
const parse = (h: IHeaders, value: Buffer | null = body(DRAFT)) =>
  parseInboundCommand(registry, h, value, ['office-system']);

async function rejection(promise: Promise<unknown>): Promise<InboundRejection> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InboundRejection);
  return error as InboundRejection;
}

describe('Inbound commands', () => {
  it('documents every declared command other systems may send', () => {
    const docs = readFileSync(join(__dirname, '../docs/integration-events.md'), 'utf8');
    const types = inboundCommandTypes(registry);
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) expect(docs).toContain(`\`${type}\``);
  });

  it('reads a draft: the body as the HTTP DTO, whom it acts for, the correlation', async () => {
    const command = await parse(headers({ ce_correlationid: 'batch-1' }));
    expect(command).toMatchObject({
      id: 'cmd-1',
      source: 'office-system',
      type: 'cn.legislink.command.submission.draft.v1',
      onBehalfOf: PARTY_GROUP,
      correlationId: 'batch-1',
    });
    expect(command.dto).toBeInstanceOf(DraftSubmissionDto);
    expect((await parse(headers())).correlationId).toBe('cmd-1');
  });

  it('covers every step of the HTTP API with the same command it builds', async () => {
    const bodies: Record<string, unknown> = {
      'submission.draft.v1': DRAFT,
      'submission.revise.v1': DRAFT,
      'submission.amend.v1': { title: '新标题' },
      'submission.proposal.record.v1': {
        proposingOrganisationId: 'cn-220000-npc-fgw',
        proposedOn: '2025-03-05',
        note: 'n',
      },
      'submission.discussion.record.v1': {
        meetingKind: 'party_group_meeting',
        meetingDate: '2025-03-07',
        minutesReference: 'm',
      },
      'submission.submit.v1': {},
      'submission.receive.v1': { officeLogNumber: 'log-1' },
      'material.request.v1': { description: 'd', dueBy: '2025-03-20' },
      'material.supply.v1': { description: 'd', documentReferences: ['a'] },
      'committee_meeting.record.v1': {
        meetingKind: 'standing_committee_meeting',
        meetingDate: '2025-03-10',
      },
      'opinion.issue.v1': {
        documentNumber: 'op-1',
        outcome: 'approved',
        points: [{ number: 1, text: 't' }],
      },
      'feedback.give.v1': { adoption: 'adopted' },
      'feedback.revise.v1': { adoption: 'not_adopted', explanation: 'e', articles: ['art_3'] },
      'submission.withdraw.v1': { reason: 'r' },
      'viewer.grant.v1': { organisationId: 'cn-220000-govpg' },
    };
    // The submission commands; other features' inbound commands are covered by their own specs.
    const types = inboundCommandTypes(registry).filter(
      (t) =>
        registry.commands.get(t.replace(/^cn\.legislink\.command\.|\.v1$/g, ''))?.aggregate.name ===
        'submission',
    );
    expect(types.map((t) => t.replace('cn.legislink.command.', '')).sort()).toEqual(
      Object.keys(bodies).sort(),
    );
    const profile = { organisationId: 'o', kind: 'standing_committee_party_group' };
    // Whatever each command looks up, answered without a store: enough to build the command.
    const env = {
      directory: { find: async () => profile },
      submittingOrganisationOf: async () => profile,
      registered: async () => profile,
      readableSubjects: async () => ({ itemIds: [], decisionIds: [] }),
      replacedState: async (id: string) => ({ submissionId: id }),
      replyDueBy: () => '2025-03-31',
      feedbackDueBy: () => '2025-04-21',
      replyDueByAfterWait: async () => '2025-04-03',
    } as unknown as SubmissionCommandEnvironment;
    const issued: string[] = [];
    for (const type of types) {
      const command = await parse(
        headers({
          ce_type: type,
          ce_subject: SUBMISSION,
          ce_pointnumber: '2',
          ce_requestnumber: '3',
        }),
        body(bodies[type.replace('cn.legislink.command.', '')]),
      );
      const built = (await command.definition.command({
        dto: command.dto,
        params: command.params,
        id: 'new-id',
        context: {} as CommandContext,
        now: '2025-03-10T02:00:00.000Z',
        env,
      })) as { type: string; replaces?: { submissionId: string } | null };
      issued.push(
        built.replaces ? `${built.type} replacing ${built.replaces.submissionId}` : built.type,
      );
      if (built.type === 'GiveFeedback') {
        expect(built).toMatchObject({ pointNumber: 2, explanation: null });
      }
      if (built.type === 'SupplyMaterial') {
        expect(built).toMatchObject({ requestNumber: 3, documentReferences: ['a'] });
      }
    }
    expect(new Set(issued.map((c) => c.split(' ')[0]))).toEqual(new Set(Object.keys(STEPS)));
    expect(issued).toContain(`DraftSubmission replacing ${SUBMISSION}`);
  });

  it('validates the body exactly like HTTP: same rules, unknown fields refused', async () => {
    const refused = await rejection(parse(headers(), body({ ...DRAFT, title: '', colour: 'red' })));
    expect(refused).toMatchObject({ status: 400, title: 'Invalid request' });
    expect(refused.details.errors).toEqual([
      { field: 'colour', rule: 'unknown_field', message: 'property colour should not exist' },
      {
        field: 'title',
        rule: 'isLength',
        message: 'title must be longer than or equal to 1 characters',
      },
    ]);
    const nested = await rejection(
      parse(
        headers({ ce_type: 'cn.legislink.command.opinion.issue.v1', ce_subject: SUBMISSION }),
        body({ documentNumber: 'x', outcome: 'approved', points: [{ number: 0, text: 't' }] }),
      ),
    );
    expect(nested.details.errors).toEqual([
      expect.objectContaining({ field: 'points.0.number', rule: 'min' }),
    ]);
  });

  it.each([
    ['a repeated header', { ce_id: undefined }, 400, /appears more than once/, true],
    [
      'structured mode',
      { 'content-type': 'application/cloudevents+json' },
      415,
      /binary mode/,
      false,
    ],
    ['another spec version', { ce_specversion: '0.3' }, 400, /ce_specversion must be 1.0/, false],
    ['no id', { ce_id: undefined }, 400, /ce_id is required/, false],
    ['an unknown service', { ce_source: 'rogue' }, 403, /rogue may not send commands/, false],
    [
      'an unknown type',
      { ce_type: 'cn.legislink.command.submission.approve.v1' },
      400,
      /Unknown command type/,
      false,
    ],
    [
      'a type named like an Object property',
      { ce_type: 'cn.legislink.command.constructor' },
      400,
      /Unknown command type/,
      false,
    ],
    ['no one to act for', { ce_onbehalfof: undefined }, 400, /ce_onbehalfof is required/, false],
    [
      'acting as admin',
      { ce_onbehalfof: JSON.stringify({ ...PARTY_GROUP, roles: ['admin'] }) },
      400,
      /roles/,
      false,
    ],
    [
      'a broken onbehalfof',
      { ce_onbehalfof: '{userId' },
      400,
      /ce_onbehalfof is not valid JSON/,
      false,
    ],
    [
      'a step without its submission',
      { ce_type: 'cn.legislink.command.submission.submit.v1' },
      400,
      /ce_subject is required/,
      false,
    ],
    [
      'a step on a non-UUID',
      { ce_type: 'cn.legislink.command.submission.submit.v1', ce_subject: 'x' },
      400,
      /UUID/,
      false,
    ],
    [
      'feedback without its point',
      { ce_type: 'cn.legislink.command.feedback.give.v1', ce_subject: SUBMISSION },
      400,
      /ce_pointnumber is required/,
      false,
    ],
  ])('refuses %s', async (_case, overrides, status, message, repeated) => {
    const h = headers(overrides as Record<string, string | undefined>);
    if (repeated) h.ce_id = [Buffer.from('a'), Buffer.from('b')];
    const refused = await rejection(parse(h));
    expect(refused.status).toBe(status);
    expect(refused.message).toMatch(message);
  });

  it('refuses a body that is missing, not JSON, or not an object', async () => {
    expect((await rejection(parse(headers(), null))).message).toMatch(/no body/);
    expect((await rejection(parse(headers(), Buffer.from('{"kind":')))).message).toMatch(
      /not valid JSON/,
    );
    expect((await rejection(parse(headers(), body([DRAFT])))).message).toMatch(
      /must be a JSON object/,
    );
  });

  it('refuses, as HTTP does, a body nested too deep or holding a lone surrogate, naming the member', async () => {
    const deep = Buffer.from(`{"title":${'['.repeat(40)}${']'.repeat(40)}}`);
    expect((await rejection(parse(headers(), deep))).details.errors).toEqual([
      expect.objectContaining({ field: 'body', rule: 'json_depth' }),
    ]);
    const lone = body({ ...DRAFT, references: ['ok', 'x\udc00'] });
    expect((await rejection(parse(headers(), lone))).details.errors).toEqual([
      expect.objectContaining({ field: 'references[1]', rule: 'well_formed_unicode' }),
    ]);
  });
});

describe('Inbound command processor', () => {
  const organisation = {
    organisationId: 'cn-220000-npcpg',
    kind: 'standing_committee_party_group',
  } as OrganisationProfile;
  const directory = {
    find: async (id: string) => (id === organisation.organisationId ? organisation : null),
  };

  function processorWith(run: CommandRunner['run']) {
    return new InboundCommandProcessor(registry, { run }, directory, ['office-system']);
  }

  it('runs an accepted command as the person acted for, keyed by the message id', async () => {
    let seen: CommandContext | undefined;
    const outcome = await processorWith(async (_definition, _dto, _params, context) => {
      seen = context;
      return { id: SUBMISSION, revision: 0, created: true, location: null, body: {} };
    }).process(headers(), body(DRAFT));
    expect(outcome.accepted).toBe(true);
    expect(seen).toMatchObject({
      actor: {
        userId: 'u-7',
        userName: '李四 (via office-system)',
        roles: ['party_group'],
        organisation,
      },
      correlationId: 'cmd-1',
      causationId: 'cmd-1',
      idempotencyKey: 'kafka:office-system:cmd-1',
    });
  });

  it('rejects an unregistered organisation and a domain refusal, for the dead-letter topic', async () => {
    const stranger = JSON.stringify({ ...PARTY_GROUP, organisationId: 'cn-999999-pc' });
    const unknown = await processorWith(jest.fn()).process(
      headers({ ce_onbehalfof: stranger }),
      body(DRAFT),
    );
    expect(unknown).toMatchObject({
      accepted: false,
      rejection: { status: 403, message: 'Organisation cn-999999-pc is not registered' },
    });

    const refused = await processorWith(async () => {
      throw new InvalidStepError('submission', 'submit', 'drafted', ['amend_draft']);
    }).process(headers(), body(DRAFT));
    expect(refused).toMatchObject({
      accepted: false,
      rejection: { status: 409, details: { step: 'submit', currentState: 'drafted' } },
    });
  });

  it('throws failures of its own (the store down) for the consumer to retry', async () => {
    const processor = processorWith(async () => {
      throw new Error('SQLITE_BUSY: database is locked');
    });
    await expect(processor.process(headers(), body(DRAFT))).rejects.toThrow(/SQLITE_BUSY/);
  });
});

describe('Inbound command processor: what a dead letter may keep of a refused command', () => {
  const organisation = { organisationId: 'cn-220000-npcpg' } as OrganisationProfile;
  const directory = {
    find: async (id: string) => (id === 'cn-220000-npcpg' ? organisation : null),
  };
  const states = {
    load: jest.fn(async (_aggregate: unknown, id: string) =>
      id === SUBMISSION
        ? {
            state: { status: 'drafted', category: 'major_issue', classification: 'internal' },
            revision: 0,
          }
        : { state: { status: 'none' }, revision: null },
    ),
  };
  // Every command that gets as far is refused by the domain, or as not found for the unknown one.
  const run = jest.fn(
    async (_definition: unknown, _dto: unknown, params: Record<string, unknown>) => {
      if (params.submissionId && params.submissionId !== SUBMISSION) {
        throw new NotFoundError(`Submission ${String(params.submissionId)} not found`);
      }
      throw new InvalidStepError('submission', 'step', 'drafted', ['amend_draft']);
    },
  );
  const processor = new InboundCommandProcessor(
    registry,
    { run: run as unknown as CommandRunner['run'] },
    directory,
    ['office-system'],
    {
      topicPrefix: 'legislink.',
      textCategories: ['major_issue'],
      states: states as never,
    },
  );
  const withheld = async (h: IHeaders, value: Buffer | null) => {
    const outcome = await processor.process(h, value);
    if (outcome.accepted) throw new Error('accepted');
    return outcome.withheld;
  };

  it('keeps a draft’s text only for an allowed category, never for a secret one', async () => {
    expect(await withheld(headers(), body(DRAFT))).toEqual([]);
    expect(await withheld(headers(), body({ ...DRAFT, classification: 'secret' }))).toEqual([
      'title',
      'summary',
      'body',
    ]);
    expect(await withheld(headers(), body({ ...DRAFT, category: 'drafting' }))).toEqual([
      'title',
      'summary',
      'body',
    ]);
    // Unreadable: its category cannot be told, so nothing of it is kept.
    expect(await withheld(headers(), Buffer.from('{"title": "机密",'))).toBe('whole');
  });

  it('keeps a step’s text as its submission allows, and nothing of an unknown type', async () => {
    const withdraw = (subject: string) =>
      headers({ ce_type: 'cn.legislink.command.submission.withdraw.v1', ce_subject: subject });
    expect(await withheld(withdraw(SUBMISSION), body({ reason: '撤回' }))).toEqual([]);
    expect(
      await withheld(
        headers({ ce_type: 'cn.legislink.command.submission.amend.v1', ce_subject: SUBMISSION }),
        body({ title: '新标题', classification: 'secret' }),
      ),
    ).toEqual(['title', 'summary', 'body']);
    // A submission that does not exist allows nothing.
    expect(
      await withheld(withdraw('0d1c8a52-3f0e-4bb8-9d0e-2a7f5f0c1d11'), body({ reason: '撤回' })),
    ).toEqual(['reason']);
    // Refused before it reached the submission (here: for whom it acts): nothing is read of it.
    const stranger = JSON.stringify({ ...PARTY_GROUP, organisationId: 'cn-999999-pc' });
    expect(
      await withheld(
        headers({
          ce_type: 'cn.legislink.command.submission.withdraw.v1',
          ce_subject: SUBMISSION,
          ce_onbehalfof: stranger,
        }),
        body({ reason: '撤回' }),
      ),
    ).toEqual(['reason']);
    // No text declared: kept as sent.
    expect(
      await withheld(
        headers({ ce_type: 'cn.legislink.command.submission.receive.v1', ce_subject: SUBMISSION }),
        body({ officeLogNumber: '2025-1' }),
      ),
    ).toEqual([]);
    expect(
      await withheld(
        headers({ ce_type: 'cn.legislink.command.submission.approve.v1' }),
        body(DRAFT),
      ),
    ).toBe('whole');
  });

  it('refuses a ce_replyto outside the reply topics', async () => {
    const outcome = await processor.process(
      headers({ ce_replyto: 'legislink.submissions' }),
      body(DRAFT),
    );
    expect(outcome).toMatchObject({
      accepted: false,
      rejection: {
        status: 400,
        details: { errors: [{ field: 'ce_replyto', rule: 'allowedReplyTopic' }] },
      },
    });
    const allowed = await processor.process(
      headers({ ce_replyto: 'legislink.command-replies.office-system' }),
      body(DRAFT),
    );
    // Refused later, by the domain: the reply topic was fine.
    expect(allowed).toMatchObject({ accepted: false, rejection: { status: 409 } });
  });
});

describe('The id a draft sent over Kafka gets', () => {
  it('is the documented one, with the worked example of README and the integration guide', () => {
    const example = '7d3e0b32-3710-5da7-a576-bdece028f160';
    expect(deterministicUuid('u-7', 'kafka:office-system:cmd-2025-0001', 'submission')).toBe(
      example,
    );
    for (const page of ['../README.md', '../docs/integration-events.md']) {
      expect(readFileSync(join(__dirname, page), 'utf8')).toContain(example);
    }
  });
});
