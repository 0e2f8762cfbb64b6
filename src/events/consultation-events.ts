import { DomainEvent, EventSchema, FIRST_VERSION, Label } from './envelope';

/**
 * Public consultations (征求意见) through outreach offices. Three kinds of stream:
 * - `consultation-<id>`: the consultation on a draft or an annual plan, its rounds (one per
 *   draft version), closing, publication of dispositions, and cluster merges and splits;
 * - `consultation_record-<id>`: one record of many opinions at once — a symposium's or an online
 *   form's intake, a disposition sheet, a telling-back log — with one event per opinion;
 * - `contributor-<id>`: a contributor's erasure.
 * Personal data never appears in clear: only `SealedContact` (AES-256-GCM under a key per
 * contributor kept outside the log), so deleting the key shreds it and the hash chains stand.
 */

export const CONSULTATION_SUBJECTS = ['draft', 'annual_plan'] as const;
export type ConsultationSubject = (typeof CONSULTATION_SUBJECTS)[number];

export const CONSULTATION_SUBJECT_LABELS: Record<ConsultationSubject, Label> = {
  draft: { zh: '法规草案', en: 'Draft regulation' },
  annual_plan: { zh: '年度立法计划', en: 'Annual legislative plan' },
};

export const OPINION_CHANNELS = ['symposium', 'letter', 'online', 'system'] as const;
export type OpinionChannel = (typeof OPINION_CHANNELS)[number];

export const OPINION_CHANNEL_LABELS: Record<OpinionChannel, Label> = {
  symposium: { zh: '座谈会', en: 'Symposium' },
  letter: { zh: '来信', en: 'Letter' },
  online: { zh: '网上征求意见', en: 'Online form' },
  system: { zh: '系统对接', en: 'Another system' },
};

export const DISPOSITION_OUTCOMES = ['adopted', 'partly_adopted', 'not_adopted'] as const;
export type DispositionOutcome = (typeof DISPOSITION_OUTCOMES)[number];

export const DISPOSITION_OUTCOME_LABELS: Record<DispositionOutcome, Label> = {
  adopted: { zh: '采纳', en: 'Adopted' },
  partly_adopted: { zh: '部分采纳', en: 'Partly adopted' },
  not_adopted: { zh: '未采纳', en: 'Not adopted' },
};

export const TELL_BACK_MEANS = ['phone', 'visit', 'letter', 'meeting'] as const;
export type TellBackMeans = (typeof TELL_BACK_MEANS)[number];

export const TELL_BACK_MEANS_LABELS: Record<TellBackMeans, Label> = {
  phone: { zh: '电话告知', en: 'By phone' },
  visit: { zh: '上门告知', en: 'In person' },
  letter: { zh: '书面告知', en: 'By letter' },
  meeting: { zh: '座谈会反馈', en: 'At a meeting' },
};

/** An article (or paragraph, item, plan entry) with a stable id such as `art_12/para_2`. */
export interface ConsultedArticle {
  articleId: string;
  text: string;
}

/** The text consulted in one round: a draft version (一审稿, 二审稿…) or the plan. */
export interface ConsultationRound {
  /** 1 for the first round; each new round consults a later version. */
  version: number;
  /** How the version is known: 一审稿, 二审稿, 2026年度立法计划（草案）. */
  versionLabel: string;
  articles: ConsultedArticle[];
  opensAt: string;
  closesAt: string;
}

/** v1. Stream `consultation-<consultationId>`. */
export interface ConsultationOpenedV1 {
  consultationId: string;
  /** The Standing Committee's or government's Party group whose law or plan it is. */
  legislatureId: string;
  subject: ConsultationSubject;
  /** The legislative item or plan consulted on, when it is recorded here (links the linkage view). */
  subjectRef: string | null;
  title: string;
  round: ConsultationRound;
}

/** v1. A later draft version is consulted again, after the previous round closed. */
export interface ConsultationRoundOpenedV1 {
  consultationId: string;
  round: ConsultationRound;
}

/** v1. The round closes before its window ends (it closes by itself at `closesAt`). */
export interface ConsultationClosedV1 {
  consultationId: string;
  version: number;
}

/**
 * v1. Every disposition drafted before this event in the log becomes public at once:
 * noticeboard, receipt lookups, telling back. Later drafts wait for the next publication.
 */
export interface DispositionsPublishedV1 {
  consultationId: string;
}

/** v1. Staff merge clusters of near-identical opinions into `clusterId`. */
export interface ClustersMergedV1 {
  consultationId: string;
  clusterId: string;
  mergedClusterIds: string[];
}

/** v1. Staff move opinions out of a cluster into a new one, named by its first opinion. */
export interface ClusterSplitV1 {
  consultationId: string;
  clusterId: string;
  newClusterId: string;
  opinionIds: string[];
}

/** Name, phone and address sealed under the contributor's key (AES-256-GCM, base64url). */
export interface SealedContact {
  iv: string;
  ciphertext: string;
  tag: string;
}

/** v1. Stream `consultation_record-<recordId>`: one per opinion of an intake record. */
export interface OpinionSubmittedV1 {
  opinionId: string;
  consultationId: string;
  /** Whose consultation it is: the record's readers follow from it. */
  legislatureId: string;
  version: number;
  channel: OpinionChannel;
  /** The outreach office that collected it; null for the public online form. */
  officeId: string | null;
  /** Pseudonymous: a random id, linked to a person only through the key table. */
  contributorId: string;
  /** The person has no internet: the office tells them of the disposition. */
  tellBackByOffice: boolean;
  contact: SealedContact | null;
  text: string;
  articleIds: string[];
  /** SHA-256 of the receipt code the contributor was given (the code itself is never stored). */
  receiptDigest: string;
}

/** v1. A draft disposition, internal until the consultation's next publication. */
export interface OpinionDispositionDraftedV1 {
  opinionId: string;
  consultationId: string;
  /** Whose consultation it is: the record's readers follow from it. */
  legislatureId: string;
  /** Set when decided for the whole cluster. */
  clusterId: string | null;
  outcome: DispositionOutcome;
  reason: string;
  /** The article of the text that resulted (adopted wholly or partly). */
  resultingArticleId: string | null;
  /** How the text changed, for the noticeboard. */
  textChange: string | null;
}

/** v1. The office told its contributor of the published disposition. */
export interface OpinionToldBackV1 {
  opinionId: string;
  consultationId: string;
  /** Whose consultation it is: the record's readers follow from it. */
  legislatureId: string;
  officeId: string;
  means: TellBackMeans;
}

/** v1. Stream `contributor-<contributorId>`: the key is deleted, the contact unreadable for good. */
export interface ContributorErasedV1 {
  contributorId: string;
}

export type ConsultationEvent =
  | DomainEvent<'ConsultationOpened', ConsultationOpenedV1>
  | DomainEvent<'ConsultationRoundOpened', ConsultationRoundOpenedV1>
  | DomainEvent<'ConsultationClosed', ConsultationClosedV1>
  | DomainEvent<'DispositionsPublished', DispositionsPublishedV1>
  | DomainEvent<'ClustersMerged', ClustersMergedV1>
  | DomainEvent<'ClusterSplit', ClusterSplitV1>;

export type ConsultationRecordEvent =
  | DomainEvent<'OpinionSubmitted', OpinionSubmittedV1>
  | DomainEvent<'OpinionDispositionDrafted', OpinionDispositionDraftedV1>
  | DomainEvent<'OpinionToldBack', OpinionToldBackV1>;

export type ContributorEvent = DomainEvent<'ContributorErased', ContributorErasedV1>;

export type AnyConsultationEvent = ConsultationEvent | ConsultationRecordEvent | ContributorEvent;

export const CONSULTATION_EVENT_SCHEMAS: Record<AnyConsultationEvent['type'], EventSchema> = {
  ConsultationOpened: FIRST_VERSION,
  ConsultationRoundOpened: FIRST_VERSION,
  ConsultationClosed: FIRST_VERSION,
  DispositionsPublished: FIRST_VERSION,
  ClustersMerged: FIRST_VERSION,
  ClusterSplit: FIRST_VERSION,
  OpinionSubmitted: FIRST_VERSION,
  OpinionDispositionDrafted: FIRST_VERSION,
  OpinionToldBack: FIRST_VERSION,
  ContributorErased: FIRST_VERSION,
};
