import {
  ConsultationEvent,
  ConsultationOpenedV1,
  ConsultationRound,
  ContributorEvent,
} from '../../events/consultation-events';
import { ActorContext, OrganisationProfile } from '../../platform/access/actor';
import { principal } from '../../platform/access/readers';
import { rule } from '../../platform/kernel/domain-errors';
import { defineAggregate } from '../../platform/kernel/feature';
import { workflow } from '../../platform/kernel/workflow';
import { LEGISLATURE_KINDS, isLegislatureSide } from '../organisations/sides';
import { CONSULTATION_READ_POLICY } from './consultation.policy';

/** `art_12`, `art_12/para_2`, `art_12/para_2/item_3`, or a plan's `entry_7`. */
export const ARTICLE_ID = /^(art_\d{1,4}(\/para_\d{1,3}(\/item_\d{1,3})?)?|entry_\d{1,4})$/;
export const MAX_ARTICLES = 3000;

interface Acting {
  actor: ActorContext;
  now: string;
}

export type ConsultationCommand =
  | (Acting & {
      type: 'OpenConsultation';
      consultation: ConsultationOpenedV1;
      /** The profile of `consultation.legislatureId`, looked up by the handler. */
      legislature: OrganisationProfile | null;
    })
  | (Acting & { type: 'CloseConsultation' })
  | (Acting & { type: 'OpenRound'; round: ConsultationRound })
  | (Acting & {
      type: 'PublishDispositions';
      /** Drafted dispositions not yet published, counted by the handler from the read model. */
      unpublishedDrafts: number;
    })
  | (Acting & {
      type: 'MergeClusters';
      clusterId: string;
      mergedClusterIds: string[];
      /** Which of the named clusters are clusters of this consultation (from the read model). */
      knownClusterIds: string[];
    })
  | (Acting & {
      type: 'SplitCluster';
      clusterId: string;
      opinionIds: string[];
      /** How many opinions the cluster has, and which of `opinionIds` are among them. */
      clusterSize: number;
      members: string[];
    });

export type ConsultationState =
  | { opened: false }
  | {
      opened: true;
      consultationId: string;
      legislatureId: string;
      title: string;
      round: ConsultationRound;
      closed: boolean;
    };

export type ConsultationStatus = 'none' | 'open' | 'closed';

/** Whether a round takes opinions at `now`: not closed, and inside its window. */
export function acceptsOpinions(state: ConsultationState, now: string): boolean {
  return state.opened && !state.closed && now >= state.round.opensAt && now < state.round.closesAt;
}

function checkRound(round: ConsultationRound, now: string): void {
  rule(
    round.closesAt > round.opensAt,
    'closesAt',
    'after_opens_at',
    'A consultation window closes after it opens',
  );
  rule(round.closesAt > now, 'closesAt', 'in_future', 'A consultation window must end later');
  rule(
    round.articles.length >= 1 && round.articles.length <= MAX_ARTICLES,
    'articles',
    'count',
    `A consultation covers 1 to ${MAX_ARTICLES} articles`,
  );
  const seen = new Set<string>();
  round.articles.forEach((a, i) => {
    rule(
      ARTICLE_ID.test(a.articleId),
      `articles[${i}].articleId`,
      'article_id',
      `${a.articleId} is not an article id like art_12/para_2 or entry_3`,
    );
    rule(!seen.has(a.articleId), `articles[${i}].articleId`, 'unique', `${a.articleId} twice`);
    seen.add(a.articleId);
  });
}

const open = (c: Extract<ConsultationCommand, { type: 'OpenConsultation' }>) => {
  rule(
    c.legislature !== null && LEGISLATURE_KINDS.includes(c.legislature.kind),
    'legislatureId',
    'legislature',
    `${c.consultation.legislatureId} is not a registered Standing Committee's or government's Party group`,
  );
  rule(
    c.consultation.round.version === 1,
    'version',
    'first_round',
    'The first round is version 1',
  );
  checkRound(c.consultation.round, c.now);
  return [{ type: 'ConsultationOpened' as const, data: c.consultation }];
};

const opened = (state: ConsultationState) => {
  if (!state.opened) throw new Error('unreachable: the workflow admits no step before opening');
  return state;
};

export const consultationDecider = workflow<
  ConsultationCommand,
  ConsultationState,
  ConsultationEvent,
  ConsultationStatus,
  'legislature'
>({
  aggregate: 'consultation',
  initialState: { opened: false },
  status: (s) => (!s.opened ? 'none' : s.closed ? 'closed' : 'open'),
  allowedSteps: {
    none: ['open'],
    open: ['close', 'publish_dispositions', 'merge_clusters', 'split_cluster'],
    closed: ['open_round', 'publish_dispositions', 'merge_clusters', 'split_cluster'],
  },
  steps: {
    OpenConsultation: { step: 'open', actors: { legislature: 'legislature' } },
    CloseConsultation: { step: 'close', actors: { legislature: 'legislature' } },
    OpenRound: { step: 'open_round', actors: { legislature: 'legislature' } },
    PublishDispositions: { step: 'publish_dispositions', actors: { legislature: 'legislature' } },
    MergeClusters: { step: 'merge_clusters', actors: { legislature: 'legislature' } },
    SplitCluster: { step: 'split_cluster', actors: { legislature: 'legislature' } },
  },
  // The legislature whose draft it is, and its special committees (the drafting 法工委).
  sides: {
    legislature: (actor, state, command) =>
      isLegislatureSide(
        actor,
        state.opened
          ? state.legislatureId
          : command.type === 'OpenConsultation'
            ? command.consultation.legislatureId
            : null,
      ),
  },
  decisions: {
    OpenConsultation: open,
    CloseConsultation: (_c, s) => [
      {
        type: 'ConsultationClosed',
        data: { consultationId: opened(s).consultationId, version: opened(s).round.version },
      },
    ],
    OpenRound: (c, s) => {
      const state = opened(s);
      rule(
        c.round.version > state.round.version,
        'version',
        'later_version',
        `A new round consults a version after ${state.round.version}`,
      );
      checkRound(c.round, c.now);
      return [
        {
          type: 'ConsultationRoundOpened',
          data: { consultationId: state.consultationId, round: c.round },
        },
      ];
    },
    PublishDispositions: (c, s) => {
      rule(
        c.unpublishedDrafts > 0,
        'consultationId',
        'nothing_to_publish',
        'No drafted disposition is waiting to be published',
      );
      return [
        { type: 'DispositionsPublished', data: { consultationId: opened(s).consultationId } },
      ];
    },
    MergeClusters: (c, s) => {
      const named = [c.clusterId, ...c.mergedClusterIds];
      named.forEach((id, i) =>
        rule(
          c.knownClusterIds.includes(id),
          i === 0 ? 'clusterId' : `mergedClusterIds[${i - 1}]`,
          'exists',
          `${id} is not a cluster of this consultation`,
        ),
      );
      rule(
        new Set(named).size === named.length,
        'mergedClusterIds',
        'distinct',
        'A cluster is merged once and not into itself',
      );
      return [
        {
          type: 'ClustersMerged',
          data: {
            consultationId: opened(s).consultationId,
            clusterId: c.clusterId,
            mergedClusterIds: c.mergedClusterIds,
          },
        },
      ];
    },
    SplitCluster: (c, s) => {
      rule(c.clusterSize > 0, 'clusterId', 'exists', `${c.clusterId} is not a cluster here`);
      c.opinionIds.forEach((id, i) =>
        rule(
          c.members.includes(id),
          `opinionIds[${i}]`,
          'member',
          `${id} is not in cluster ${c.clusterId}`,
        ),
      );
      rule(
        new Set(c.opinionIds).size < c.clusterSize,
        'opinionIds',
        'leaves_some',
        'A split leaves at least one opinion in the cluster',
      );
      return [
        {
          type: 'ClusterSplit',
          data: {
            consultationId: opened(s).consultationId,
            clusterId: c.clusterId,
            newClusterId: c.opinionIds[0],
            opinionIds: [...new Set(c.opinionIds)],
          },
        },
      ];
    },
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'ConsultationOpened':
        return {
          opened: true,
          consultationId: event.data.consultationId,
          legislatureId: event.data.legislatureId,
          title: event.data.title,
          round: event.data.round,
          closed: false,
        };
      case 'ConsultationRoundOpened':
        return state.opened ? { ...state, round: event.data.round, closed: false } : state;
      case 'ConsultationClosed':
        return state.opened ? { ...state, closed: true } : state;
      default:
        return state;
    }
  },
});

export const consultationAggregate = defineAggregate({
  name: 'consultation',
  idField: 'consultationId',
  decider: consultationDecider,
  exists: (s) => s.opened,
  status: (s) => consultationDecider.spec.status(s),
  readers: () => CONSULTATION_READ_POLICY.readers(null),
  location: (id) => `/api/consultations/${id}`,
  reads: ['consultations', 'consultation-opinions'],
});

// ---------------------------------------------------------------------------------------------

export type ContributorCommand = Acting & {
  type: 'EraseContributor';
  contributorId: string;
  /** The outreach offices that collected the contributor's opinions (from the read model). */
  collectingOfficeIds: string[];
  /** Whether the contributor gave any opinion here. */
  known: boolean;
  /** Whether the caller showed the receipt code of one of the contributor's opinions. */
  receiptHolder: boolean;
};

export interface ContributorState {
  erased: boolean;
}

/**
 * Erasure on request (the person asks the office or the platform operator, or asks themselves
 * with their receipt code, without an account): the key table row
 * is deleted by the projection that follows this event, so the sealed contact in the log can
 * never be read again while every hash still verifies.
 */
export const contributorDecider = workflow<
  ContributorCommand,
  ContributorState,
  ContributorEvent,
  'none' | 'erased',
  'platform' | 'collecting_office' | 'receipt_holder'
>({
  aggregate: 'contributor',
  initialState: { erased: false },
  status: (s) => (s.erased ? 'erased' : 'none'),
  allowedSteps: { none: ['erase'], erased: [] },
  steps: {
    EraseContributor: {
      step: 'erase',
      actors: { admin: 'platform', outreach: 'collecting_office', public: 'receipt_holder' },
    },
  },
  sides: {
    platform: () => true,
    collecting_office: (actor, _s, c) =>
      c.collectingOfficeIds.includes(actor.organisation.organisationId),
    receipt_holder: (_a, _s, c) => c.receiptHolder,
  },
  decisions: {
    EraseContributor: (c) => {
      rule(c.known, 'contributorId', 'exists', 'No opinion was given by this contributor');
      return [{ type: 'ContributorErased', data: { contributorId: c.contributorId } }];
    },
  },
  evolve: () => ({ erased: true }),
});

export const contributorAggregate = defineAggregate({
  name: 'contributor',
  idField: 'contributorId',
  decider: contributorDecider,
  exists: (s) => s.erased,
  status: (s) => (s.erased ? 'erased' : 'none'),
  readers: () => [{ principal: principal.anyone(), reason: 'erasure' }],
  location: (id) => `/api/consultations/contributors/${id}`,
  reads: ['consultation-opinions'],
});
