import { actor, changchun, jilin } from '../../../test/support/actors';
import { broken, specFor } from '../../../test/support/given-when-then';
import { LinkEnd, LinkEvent, LinkType, LinkedRecordKind } from '../../events/link-events';
import { mayRead } from '../../platform/access/readers';
import { fold } from '../../platform/kernel/decider';
import {
  BusinessRuleError,
  ForbiddenError,
  InvalidStepError,
} from '../../platform/kernel/domain-errors';
import { EstablishLink, LINK_READ_POLICY, RemoveLink, linkDecider, linkIdOf } from './link.model';

const NOW = '2025-03-10T02:00:00.000Z';
const office = actor(jilin.office, ['committee_office']);
const partyGroup = actor(jilin.partyGroup, ['party_group']);
const legislature = actor(jilin.specialCommittee, ['legislature']);
const government = actor(jilin.governmentPartyGroup, ['party_group']);
const ccOffice = actor(changchun.office, ['committee_office']);
const ccPartyGroup = actor(changchun.partyGroup, ['legislature']);

const COMMITTEE = jilin.committee.organisationId;
const LEGISLATURE = jilin.partyGroup.organisationId;
const end = (kind: LinkedRecordKind, id: string, point: number | null = null): LinkEnd => ({
  kind,
  id,
  point,
});
const ITEM = end('item', 'item-1');
const DECISION = end('decision', 'decision-1');

const given = specFor(linkDecider);

const establish = (over: Partial<EstablishLink> = {}): EstablishLink => ({
  type: 'EstablishLink',
  actor: legislature,
  now: NOW,
  linkId: 'l-1',
  linkType: 'implements',
  from: ITEM,
  to: DECISION,
  rationale: '第三章落实决策要求',
  legislatureId: LEGISLATURE,
  committeeId: COMMITTEE,
  ...over,
});

const established = (over: Partial<EstablishLink> = {}): LinkEvent => {
  const c = establish(over);
  return {
    type: 'LinkEstablished',
    data: {
      linkId: c.linkId,
      type: c.linkType,
      from: c.from,
      to: c.to,
      rationale: c.rationale,
      establishedAt: NOW,
      legislatureId: c.legislatureId,
      committeeId: c.committeeId,
    },
  };
};

const removal = (who = partyGroup): RemoveLink => ({
  type: 'RemoveLink',
  actor: who,
  now: NOW,
  reason: '项目已并入另一部条例',
});
const removed: LinkEvent = {
  type: 'LinkRemoved',
  data: { reason: '项目已并入另一部条例', removedAt: NOW },
};

describe('A typed link', () => {
  it('has one id per type and pair of ends', () => {
    const id = linkIdOf('implements', ITEM, DECISION);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(linkIdOf('implements', ITEM, DECISION)).toBe(id);
    expect(linkIdOf('implements', DECISION, ITEM)).not.toBe(id);
    expect(linkIdOf('assesses', ITEM, DECISION)).not.toBe(id);
    expect(linkIdOf('answers', ITEM, end('opinion_point', 's', 1))).not.toBe(
      linkIdOf('answers', ITEM, end('opinion_point', 's', 2)),
    );
  });

  it('is established by the legislature side with a rationale, and keeps its level', () => {
    const { state, actedAs } = given([]).when(establish()).then([established()]);
    expect(actedAs).toBe('legislature');
    expect(state).toMatchObject({
      status: 'active',
      legislatureId: LEGISLATURE,
      committeeId: COMMITTEE,
    });
  });

  it('is allowed for each type only between its kinds (422 naming the end)', () => {
    const cases: [LinkType, LinkEnd, LinkEnd, string][] = [
      ['implements', end('submission', 's'), DECISION, 'from.kind'],
      ['implements', ITEM, end('plan', 'p'), 'to.kind'],
      ['reports_on', ITEM, DECISION, 'from.kind'],
      ['reports_on', end('submission', 's'), end('proposal', 'p'), 'to.kind'],
      ['assesses', ITEM, DECISION, 'from.kind'],
      ['assesses', end('assessment', 'a'), end('plan', 'p'), 'to.kind'],
      ['replaces', end('submission', 's'), end('submission', 't'), 'from.kind'],
      ['answers', DECISION, end('proposal', 'p'), 'from.kind'],
      ['answers', ITEM, DECISION, 'to.kind'],
    ];
    for (const [linkType, from, to, field] of cases) {
      given([])
        .when(establish({ linkType, from, to }))
        .thenThrows(BusinessRuleError, broken(field, 'allowed_for_type'));
    }
    given([])
      .when(establish({ linkType: 'replaces', from: ITEM, to: end('plan', 'p') }))
      .thenThrows(BusinessRuleError, broken('to.kind', 'same_kind'));
    given([])
      .when(establish({ linkType: 'replaces', from: ITEM, to: ITEM }))
      .thenThrows(BusinessRuleError, broken('to.id', 'not_itself'));
    given([])
      .when(establish({ linkType: 'answers', to: end('opinion_point', 's') }))
      .thenThrows(BusinessRuleError, broken('to.point', 'point_of_opinion'));
    given([])
      .when(establish({ from: end('item', 'i', 3) }))
      .thenThrows(BusinessRuleError, broken('from.point', 'point_of_opinion'));
  });

  it('allows every type between its kinds', () => {
    const cases: [LinkType, LinkEnd, LinkEnd, typeof office][] = [
      ['implements', end('plan', 'p'), DECISION, partyGroup],
      ['reports_on', end('submission', 's'), end('plan', 'p'), legislature],
      ['assesses', end('assessment', 'a'), DECISION, office],
      ['assesses', end('assessment', 'a'), ITEM, partyGroup],
      ['replaces', end('decision', 'new'), DECISION, office],
      ['replaces', end('item', 'new'), ITEM, legislature],
      ['answers', end('submission', 's'), end('opinion_point', 't', 2), partyGroup],
      ['answers', ITEM, end('proposal', 'p'), legislature],
    ];
    for (const [linkType, from, to, who] of cases) {
      given([])
        .when(establish({ linkType, from, to, actor: who }))
        .then([established({ linkType, from, to })]);
    }
  });

  it('is established only by the side that owns its type (403)', () => {
    given([])
      .when(establish({ actor: office }))
      .thenThrows(ForbiddenError, {
        details: {
          step: 'establish',
          organisationId: jilin.office.organisationId,
          requiredSide: 'committee',
        },
      });
    const replacesDecision = {
      linkType: 'replaces' as const,
      from: end('decision', 'new'),
      to: DECISION,
    };
    given([])
      .when(establish({ ...replacesDecision, actor: partyGroup }))
      .thenThrows(ForbiddenError, {});
    for (const who of [government, ccPartyGroup, ccOffice]) {
      given([])
        .when(establish({ actor: who }))
        .thenThrows(ForbiddenError, {});
    }
    given([])
      .when(establish({ actor: actor(jilin.platform, ['admin']) }))
      .thenThrows(ForbiddenError, {
        details: {
          step: 'establish',
          requiredRoles: ['committee_office', 'legislature', 'party_group'],
        },
      });
  });

  it('cannot be established twice while active (409), but again after its removal', () => {
    given([established()])
      .when(establish())
      .thenThrows(InvalidStepError, {
        details: { step: 'establish', currentState: 'active', allowedSteps: ['remove'] },
      });
    const { state } = given([established(), removed])
      .when(establish({ rationale: '重新关联' }))
      .then([established({ rationale: '重新关联' })]);
    expect(state).toMatchObject({ status: 'active', removedAt: null, removalReason: null });
  });

  it('is removed with a reason by its side, once', () => {
    const { state } = given([established()]).when(removal()).then([removed]);
    expect(state).toMatchObject({ status: 'removed', removalReason: '项目已并入另一部条例' });
    given([established()]).when(removal(office)).thenThrows(ForbiddenError, {});
    given([established()]).when(removal(ccPartyGroup)).thenThrows(ForbiddenError, {});
    given([established(), removed])
      .when(removal())
      .thenThrows(InvalidStepError, {
        details: { step: 'remove', currentState: 'removed', allowedSteps: ['establish'] },
      });
    given([]).when(removal()).thenThrows(ForbiddenError, {});
  });

  it('is read by the legislature and the committee of its level', () => {
    const readers = LINK_READ_POLICY.readers(fold(linkDecider, [established()]));
    expect(readers.map((r) => r.principal)).toEqual([
      `org:${COMMITTEE}`,
      `part:${COMMITTEE}:committee_office`,
      `org:${LEGISLATURE}`,
      `part:${LEGISLATURE}:special_committee`,
    ]);
    for (const who of [office, partyGroup, legislature]) expect(mayRead(who, readers)).toBe(true);
    for (const who of [government, ccOffice, ccPartyGroup])
      expect(mayRead(who, readers)).toBe(false);
  });
});
