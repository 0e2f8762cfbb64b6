import { Role } from '../../events/envelope';
import {
  ConsultationClosedV1,
  ConsultationOpenedV1,
  ConsultationRoundOpenedV1,
  ClusterSplitV1,
  ClustersMergedV1,
  ContributorErasedV1,
  OpinionDispositionDraftedV1,
  DispositionsPublishedV1,
  OpinionSubmittedV1,
  OpinionToldBackV1,
} from '../../events/consultation-events';
import { IntegrationMapping, defineIntegration } from '../../platform/kernel/feature';
import { RecordState, recordAggregate } from './consultation-record.decider';
import {
  ConsultationState,
  ContributorState,
  consultationAggregate,
  contributorAggregate,
} from './consultation.decider';

type ActedBy = { organisationId: string; role: Role };

/** The consultation's public facts: the draft is published for comment anyway. */
const consultationEvents: Record<string, IntegrationMapping<ConsultationState>> = {
  ConsultationOpened: {
    type: 'consultation.opened.v1',
    data: (d: ConsultationOpenedV1, f) => ({
      consultationId: d.consultationId,
      legislatureId: d.legislatureId,
      subject: d.subject,
      subjectRef: d.subjectRef,
      title: d.title,
      version: d.round.version,
      articleIds: d.round.articles.map((a) => a.articleId),
      opensAt: d.round.opensAt,
      closesAt: d.round.closesAt,
      actedBy: f.actedBy,
    }),
  },
  ConsultationRoundOpened: {
    type: 'consultation.round_opened.v1',
    data: (d: ConsultationRoundOpenedV1, f) => ({
      consultationId: d.consultationId,
      version: d.round.version,
      articleIds: d.round.articles.map((a) => a.articleId),
      opensAt: d.round.opensAt,
      closesAt: d.round.closesAt,
      actedBy: f.actedBy,
    }),
  },
  ConsultationClosed: {
    type: 'consultation.closed.v1',
    data: (d: ConsultationClosedV1, f) => ({ ...d, actedBy: f.actedBy }),
  },
  DispositionsPublished: {
    type: 'consultation.dispositions_published.v1',
    data: (d: DispositionsPublishedV1, f) => ({ ...d, actedBy: f.actedBy }),
  },
  ClustersMerged: {
    type: 'consultation.clusters_merged.v1',
    data: (d: ClustersMergedV1, f) => ({ ...d, actedBy: f.actedBy }),
  },
  ClusterSplit: {
    type: 'consultation.cluster_split.v1',
    data: (d: ClusterSplitV1, f) => ({ ...d, actedBy: f.actedBy }),
  },
};

export const CONSULTATION_INTEGRATION = defineIntegration<ConsultationState>({
  topic: 'consultations',
  aggregate: consultationAggregate as never,
  events: consultationEvents,
});

/**
 * Opinions leave as facts without their text (people write their names and troubles in it),
 * without the contributor and without any contact. A draft disposition is internal: its public
 * event says only that one was recorded, never what; the publication says when they became public.
 */
export interface OpinionSubmittedEventV1 {
  opinionId: string;
  consultationId: string;
  version: number;
  channel: OpinionSubmittedV1['channel'];
  officeId: string | null;
  articleIds: string[];
  actedBy: ActedBy;
}

export const RECORD_INTEGRATION = defineIntegration<RecordState>({
  topic: 'consultation-records',
  aggregate: recordAggregate as never,
  events: {
    OpinionSubmitted: {
      type: 'consultation.opinion_submitted.v1',
      data: (d: OpinionSubmittedV1, f): OpinionSubmittedEventV1 => ({
        opinionId: d.opinionId,
        consultationId: d.consultationId,
        version: d.version,
        channel: d.channel,
        officeId: d.officeId,
        articleIds: d.articleIds,
        actedBy: f.actedBy,
      }),
    },
    OpinionDispositionDrafted: {
      type: 'consultation.disposition_drafted.v1',
      data: (d: OpinionDispositionDraftedV1, f) => ({
        opinionId: d.opinionId,
        consultationId: d.consultationId,
        clusterId: d.clusterId,
        actedBy: f.actedBy,
      }),
    },
    OpinionToldBack: {
      type: 'consultation.opinion_told_back.v1',
      data: (d: OpinionToldBackV1, f) => ({
        opinionId: d.opinionId,
        consultationId: d.consultationId,
        officeId: d.officeId,
        means: d.means,
        actedBy: f.actedBy,
      }),
    },
  },
});

/** Erasure is public as a fact about a pseudonym: other systems drop what they keep of it. */
export const CONTRIBUTOR_INTEGRATION = defineIntegration<ContributorState>({
  topic: 'consultation-contributors',
  aggregate: contributorAggregate as never,
  events: {
    ContributorErased: {
      type: 'consultation.contributor_erased.v1',
      data: (d: ContributorErasedV1, f) => ({ contributorId: d.contributorId, actedBy: f.actedBy }),
    },
  },
});
