import { IHeaders } from 'kafkajs';
import { FEATURES } from '../src/features';
import { CommandContext } from '../src/platform/commands/command-handler';
import { FeatureRegistry } from '../src/platform/kernel/feature-registry';
import {
  inboundCommandTypes,
  parseInboundCommand,
} from '../src/platform/integration/inbound-commands';
import { DECISION } from './support/decisions';
import { actor, jilin } from './support/actors';

const registry = new FeatureRegistry(FEATURES);
const TARGET = '6f1c8a52-3f0e-4bb8-9d0e-2a7f5f0c1d11';
const OTHER = '7f1c8a52-3f0e-4bb8-9d0e-2a7f5f0c1d12';
const OFFICE = {
  userId: 'u-1',
  userName: '王五',
  organisationId: 'cn-220000-pco',
  roles: ['committee_office'],
};

function headers(type: string, subject?: string): IHeaders {
  const all: Record<string, string | undefined> = {
    ce_specversion: '1.0',
    ce_id: `cmd-${type}`,
    ce_type: `cn.legislink.command.${type}.v1`,
    ce_source: 'office-system',
    ce_onbehalfof: JSON.stringify(OFFICE),
    ce_subject: subject,
  };
  return Object.fromEntries(
    Object.entries(all)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Buffer.from(v as string)]),
  );
}

/** Every decision, proposal and link command, with a body its HTTP twin accepts. */
const BODIES: Record<string, object> = {
  'decision.record': DECISION,
  'decision.transmit': {},
  'decision.acknowledge': {},
  'decision.follow_up.report': { text: '已列入立法计划' },
  'decision.supersede': { supersededByDecisionId: OTHER },
  'proposal.transfer': {
    route: 'government',
    itemKind: 'government_rule',
    title: 't',
    summary: 's',
  },
  'proposal.argue': { arguedOn: '2025-03-09', note: 'n' },
  'proposal.answer': { answer: 'outside_government_power', explanation: 'e' },
  'link.establish': {
    type: 'implements',
    from: { kind: 'item', id: TARGET },
    to: { kind: 'decision', id: OTHER },
    rationale: 'r',
  },
  'link.remove': { reason: 'r' },
};

describe('Decision, proposal and link commands over Kafka', () => {
  it('are all declared as inbound commands (the docs check is in inbound-commands.spec)', () => {
    const ours = inboundCommandTypes(registry)
      .map((t) => t.replace(/^cn\.legislink\.command\.|\.v1$/g, ''))
      .filter((name) => /^(decision|proposal|link)\./.test(name));
    expect(ours.sort()).toEqual(Object.keys(BODIES).sort());
  });

  it.each(Object.keys(BODIES))('%s builds the same command as over HTTP', async (name) => {
    const definition = registry.commands.get(name)!;
    const creates = definition.creates ?? false;
    const command = await parseInboundCommand(
      registry,
      headers(name, creates ? undefined : TARGET),
      Buffer.from(JSON.stringify(BODIES[name])),
      ['office-system'],
    );
    expect(command.definition).toBe(definition);
    const office = actor(jilin.office, ['committee_office']);
    const env = {
      committeeOf: async () => jilin.committee,
      atCommitteesPlace: async () => jilin.governmentPartyGroup,
      legislatureFor: async () => jilin.partyGroup,
      readableDecision: async () => null,
      standingCommitteeFor: async () => jilin.partyGroup,
      unreadable: async () => [],
      levelOf: async () => ({ legislatureId: 'pg', committeeId: 'pc' }),
    };
    const built = (await definition.command({
      dto: command.dto,
      params: command.params,
      id: 'new-id',
      context: { actor: office } as CommandContext,
      now: '2025-03-10T02:00:00.000Z',
      env,
    })) as Record<string, unknown>;
    expect(typeof built.type).toBe('string');
    if (name === 'decision.record') {
      expect(built).toMatchObject({
        committeeId: jilin.committee.organisationId,
        followUp: 'new_law',
      });
      expect(
        definition.newId!({ dto: command.dto, context: { actor: office } as CommandContext }),
      ).toMatch(/^[0-9a-f-]{36}$/);
    }
    if (name === 'proposal.answer') {
      expect(built).toMatchObject({ standingCommittee: jilin.partyGroup, unreadable: [] });
    }
    if (name === 'link.establish') {
      expect(built).toMatchObject({
        from: { kind: 'item', id: TARGET, point: null },
        legislatureId: 'pg',
      });
    }
    if (!creates) expect(command.params).toEqual({ [definition.aggregate.idField]: TARGET });
  });
});
