/**
 * The links of the linkage view: their commands, state, policy and decider. A link is small
 * enough to keep in one file; its read policy and rules are stated here once.
 */
import { Label } from '../../events/envelope';
import {
  LINKED_RECORD_KINDS,
  LinkEnd,
  LinkEvent,
  LinkType,
  LinkedRecordKind,
} from '../../events/link-events';
import { ActorContext } from '../../platform/access/actor';
import { ReadPolicy } from '../../platform/access/readers';
import { rule } from '../../platform/kernel/domain-errors';
import { defineAggregate } from '../../platform/kernel/feature';
import { nameBasedId } from '../../platform/kernel/ids';
import { workflow } from '../../platform/kernel/workflow';
import {
  committeeReaders,
  isCommitteeOffice,
  isLegislatureSide,
  legislatureReaders,
} from '../organisations/sides';

export const LINKED_RECORD_KIND_LABELS: Record<LinkedRecordKind, Label> = {
  decision: { zh: '党委决策', en: 'Committee decision' },
  plan: { zh: '立法规划/计划', en: 'Legislative plan' },
  item: { zh: '立法项目', en: 'Legislative item' },
  submission: { zh: '请示/报告', en: 'Request or report' },
  opinion_point: { zh: '意见条目', en: 'Opinion point' },
  assessment: { zh: '立法后评估', en: 'Assessment' },
  proposal: { zh: '党委立法建议', en: 'Committee proposal' },
};
export { LINKED_RECORD_KINDS };

/** A link's id: one per type and pair of ends, so the pair has one stream. */
export function linkIdOf(type: LinkType, from: LinkEnd, to: LinkEnd): string {
  const end = (e: LinkEnd) => `${e.kind}:${e.id}:${e.point ?? ''}`;
  return nameBasedId(`${type}|${end(from)}|${end(to)}`);
}

// ---------------------------------------------------------------------------------------------
// Which types link which kinds, and which side establishes them
// ---------------------------------------------------------------------------------------------

type Owner = 'committee' | 'legislature' | 'either';

interface LinkRule {
  from: readonly LinkedRecordKind[];
  to: readonly LinkedRecordKind[];
  /** Both ends of the same kind. */
  sameKind?: boolean;
  /** Who establishes and removes it, by the kind at its `from` end. */
  owner(from: LinkedRecordKind): Owner;
}

export const LINK_RULES: Record<LinkType, LinkRule> = {
  implements: { from: ['item', 'plan'], to: ['decision'], owner: () => 'legislature' },
  reports_on: {
    from: ['submission'],
    to: ['item', 'plan', 'decision'],
    owner: () => 'legislature',
  },
  assesses: { from: ['assessment'], to: ['item', 'decision'], owner: () => 'either' },
  replaces: {
    from: ['decision', 'item', 'plan'],
    to: ['decision', 'item', 'plan'],
    sameKind: true,
    owner: (from) => (from === 'decision' ? 'committee' : 'legislature'),
  },
  answers: {
    from: ['item', 'plan', 'submission'],
    to: ['opinion_point', 'proposal'],
    owner: () => 'legislature',
  },
};

// ---------------------------------------------------------------------------------------------
// Commands and state
// ---------------------------------------------------------------------------------------------

interface CommandBase {
  actor: ActorContext;
  now: string;
}

export interface EstablishLink extends CommandBase {
  type: 'EstablishLink';
  linkId: string;
  linkType: LinkType;
  from: LinkEnd;
  to: LinkEnd;
  rationale: string;
  /** The level of both ends, looked up from them (each end exists and the caller reads it). */
  legislatureId: string;
  committeeId: string;
}

export interface RemoveLink extends CommandBase {
  type: 'RemoveLink';
  reason: string;
}

export type LinkCommand = EstablishLink | RemoveLink;

export const LINK_STATUSES = ['active', 'removed'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export const LINK_STATUS_LABELS: Record<LinkStatus, Label> = {
  active: { zh: '有效', en: 'Active' },
  removed: { zh: '已解除', en: 'Removed' },
};

export interface LinkState {
  status: LinkStatus | 'none';
  linkId: string;
  type: LinkType;
  from: LinkEnd;
  to: LinkEnd;
  rationale: string;
  establishedAt: string | null;
  removedAt: string | null;
  removalReason: string | null;
  legislatureId: string;
  committeeId: string;
}

const NO_END: LinkEnd = { kind: 'decision', id: '', point: null };

export const initialLinkState: LinkState = {
  status: 'none',
  linkId: '',
  type: 'implements',
  from: NO_END,
  to: NO_END,
  rationale: '',
  establishedAt: null,
  removedAt: null,
  removalReason: null,
  legislatureId: '',
  committeeId: '',
};

export function evolveLink(state: LinkState, event: LinkEvent): LinkState {
  switch (event.type) {
    case 'LinkEstablished':
      return {
        ...state,
        ...event.data,
        status: 'active',
        removedAt: null,
        removalReason: null,
      };
    case 'LinkRemoved':
      return {
        ...state,
        status: 'removed',
        removedAt: event.data.removedAt,
        removalReason: event.data.reason,
      };
  }
}

// ---------------------------------------------------------------------------------------------
// Policy
// ---------------------------------------------------------------------------------------------

export type LinkStep = 'establish' | 'remove';

export const LINK_ALLOWED_STEPS: Record<LinkState['status'], readonly LinkStep[]> = {
  none: ['establish'],
  active: ['remove'],
  removed: ['establish'],
};

type LinkSide = 'committee' | 'legislature';

/** The link as a command or the state sees it: its type, from-end and level. */
function facts(state: LinkState, command: LinkCommand) {
  return command.type === 'EstablishLink'
    ? {
        type: command.linkType,
        from: command.from,
        legislatureId: command.legislatureId,
        committeeId: command.committeeId,
      }
    : state;
}

const ownerOf = (type: LinkType, from: LinkEnd): Owner => LINK_RULES[type].owner(from.kind);

export const LINK_SIDES: Record<
  LinkSide,
  (actor: ActorContext, state: LinkState, command: LinkCommand) => boolean
> = {
  committee: (actor, state, command) => {
    const f = facts(state, command);
    return ownerOf(f.type, f.from) !== 'legislature' && isCommitteeOffice(actor, f.committeeId);
  },
  legislature: (actor, state, command) => {
    const f = facts(state, command);
    return ownerOf(f.type, f.from) !== 'committee' && isLegislatureSide(actor, f.legislatureId);
  },
};

const EITHER_SIDE = {
  committee_office: 'committee',
  legislature: 'legislature',
  party_group: 'legislature',
} as const;

/** The facts that decide who reads a link. */
export interface LinkReadership {
  legislatureId: string;
  committeeId: string;
}

/** The legislature with its special committees, and the committee with its offices. */
export const LINK_READ_POLICY: ReadPolicy<LinkReadership> = {
  recordType: 'link',
  readers(r) {
    return [
      ...committeeReaders(r.committeeId, 'committee'),
      ...(r.legislatureId ? legislatureReaders(r.legislatureId, 'legislature') : []),
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------

/** Which kinds a type links: 422 naming the end whose kind does not fit. */
export function checkKinds(type: LinkType, from: LinkEnd, to: LinkEnd): void {
  const allowed = LINK_RULES[type];
  rule(
    allowed.from.includes(from.kind),
    'from.kind',
    'allowed_for_type',
    `A ${type} link starts at ${allowed.from.join(' or ')}, not at ${from.kind}`,
  );
  rule(
    allowed.to.includes(to.kind),
    'to.kind',
    'allowed_for_type',
    `A ${type} link ends at ${allowed.to.join(' or ')}, not at ${to.kind}`,
  );
  rule(
    !allowed.sameKind || from.kind === to.kind,
    'to.kind',
    'same_kind',
    `A ${type} link joins two records of the same kind, not ${from.kind} and ${to.kind}`,
  );
  for (const [name, end] of [
    ['from', from],
    ['to', to],
  ] as const) {
    rule(
      (end.kind === 'opinion_point') === (end.point !== null),
      `${name}.point`,
      'point_of_opinion',
      'An opinion point end names its point number; no other end does',
    );
  }
  rule(
    from.kind !== to.kind || from.id !== to.id || from.point !== to.point,
    'to.id',
    'not_itself',
    'A record is not linked to itself',
  );
}

export function establishLink(command: EstablishLink): LinkEvent[] {
  checkKinds(command.linkType, command.from, command.to);
  return [
    {
      type: 'LinkEstablished',
      data: {
        linkId: command.linkId,
        type: command.linkType,
        from: command.from,
        to: command.to,
        rationale: command.rationale,
        establishedAt: command.now,
        legislatureId: command.legislatureId,
        committeeId: command.committeeId,
      },
    },
  ];
}

export function removeLink(command: RemoveLink): LinkEvent[] {
  return [{ type: 'LinkRemoved', data: { reason: command.reason, removedAt: command.now } }];
}

/** A typed link between two records: established, removed, established again. */
export const linkDecider = workflow<
  LinkCommand,
  LinkState,
  LinkEvent,
  LinkState['status'],
  LinkSide
>({
  aggregate: 'link',
  initialState: initialLinkState,
  status: (state) => state.status,
  allowedSteps: LINK_ALLOWED_STEPS,
  steps: {
    EstablishLink: { step: 'establish', actors: EITHER_SIDE },
    RemoveLink: { step: 'remove', actors: EITHER_SIDE },
  },
  sides: LINK_SIDES,
  decisions: { EstablishLink: establishLink, RemoveLink: removeLink },
  evolve: evolveLink,
});

export const linkAggregate = defineAggregate({
  name: 'link',
  idField: 'linkId',
  decider: linkDecider,
  exists: (state) => state.status !== 'none',
  status: (state) => state.status,
  readers: (state) => LINK_READ_POLICY.readers(state),
  location: (id) => `/api/links/${id}`,
  reads: ['links'],
});
