import { DomainEvent, EventSchema, FIRST_VERSION, Label } from './envelope';

/**
 * Typed links between the records of the linkage view. Read "from <type> to":
 * - `implements`: an item (or plan) carries out a decision;
 * - `reports_on`: a submission reports on an item, plan or decision;
 * - `assesses`: an assessment assesses an item or a decision;
 * - `replaces`: a decision, item or plan replaces an earlier one of its kind;
 * - `answers`: an item, plan or submission answers a committee opinion point or a proposal.
 */
export const LINK_TYPES = ['implements', 'reports_on', 'assesses', 'replaces', 'answers'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export const LINK_TYPE_LABELS: Record<LinkType, Label> = {
  implements: { zh: '落实', en: 'Implements' },
  reports_on: { zh: '报告', en: 'Reports on' },
  assesses: { zh: '评估', en: 'Assesses' },
  replaces: { zh: '取代', en: 'Replaces' },
  answers: { zh: '回应', en: 'Answers' },
};

export const LINKED_RECORD_KINDS = [
  'decision',
  'plan',
  'item',
  'submission',
  'opinion_point',
  'assessment',
  'proposal',
] as const;
export type LinkedRecordKind = (typeof LINKED_RECORD_KINDS)[number];

/** One end of a link. An opinion point is `{kind:'opinion_point', id: submissionId, point}`. */
export interface LinkEnd {
  kind: LinkedRecordKind;
  id: string;
  point: number | null;
}

/**
 * v1. Stream `link-<linkId>`; the id is derived from (type, from, to), so one pair has one link
 * stream: linking twice is refused, linking again after an unlink continues the same stream.
 */
export interface LinkEstablishedV1 {
  linkId: string;
  type: LinkType;
  from: LinkEnd;
  to: LinkEnd;
  rationale: string;
  establishedAt: string;
  /**
   * The legislature (Standing Committee's or government's Party group) and the Party Committee
   * of the level both ends belong to, looked up from the ends when the link is established:
   * they read the link.
   */
  legislatureId: string;
  committeeId: string;
}

/** v1. */
export interface LinkRemovedV1 {
  reason: string;
  removedAt: string;
}

export type LinkEvent =
  DomainEvent<'LinkEstablished', LinkEstablishedV1> | DomainEvent<'LinkRemoved', LinkRemovedV1>;

export const LINK_EVENT_SCHEMAS: Record<LinkEvent['type'], EventSchema> = {
  LinkEstablished: FIRST_VERSION,
  LinkRemoved: FIRST_VERSION,
};
