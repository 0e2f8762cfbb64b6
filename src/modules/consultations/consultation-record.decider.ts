import {
  ConsultationRecordEvent,
  OpinionChannel,
  OpinionDispositionDraftedV1,
  OpinionSubmittedV1,
  TellBackMeans,
} from '../../events/consultation-events';
import { ActorContext } from '../../platform/access/actor';
import { rule } from '../../platform/kernel/domain-errors';
import { defineAggregate } from '../../platform/kernel/feature';
import { workflow } from '../../platform/kernel/workflow';
import { isLegislatureSide } from '../organisations/sides';
import { ARTICLE_ID, ConsultationState, acceptsOpinions } from './consultation.decider';
import { RECORD_READ_POLICY } from './consultation.policy';

interface Acting {
  actor: ActorContext;
  now: string;
}

/** The outreach office an intake comes through, with the legislatures it serves. */
export interface CollectingOffice {
  organisationId: string;
  legislatureIds: string[];
}

/** An opinion the office says it told back, with what the read model knows of it. */
export interface TellingBackItem {
  opinionId: string;
  /** Null when the opinion is not one of this consultation's. */
  officeId: string | null;
  published: boolean;
}

export type RecordCommand =
  | (Acting & {
      type: 'SubmitOpinions';
      consultation: ConsultationState;
      channel: OpinionChannel;
      /** Null on the public online form. */
      office: CollectingOffice | null;
      /** Built by the handler: ids, pseudonymous contributors, sealed contacts, receipt digests. */
      opinions: OpinionSubmittedV1[];
    })
  | (Acting & {
      type: 'DraftDispositions';
      consultation: ConsultationState;
      dispositions: OpinionDispositionDraftedV1[];
      /** Opinions and clusters named that are not this consultation's: `[field, id]`. */
      unknown: [string, string][];
    })
  | (Acting & {
      type: 'RecordTellingBack';
      consultation: ConsultationState;
      officeId: string;
      means: TellBackMeans;
      items: TellingBackItem[];
    });

export type RecordKind = 'intake' | 'dispositions' | 'telling_back';

export type RecordState =
  | { recorded: false }
  | {
      recorded: true;
      kind: RecordKind;
      consultationId: string;
      legislatureId: string;
      officeId: string | null;
      opinions: number;
    };

const OFFICE_CHANNELS: readonly OpinionChannel[] = ['symposium', 'letter', 'system'];

function consultationOf(state: ConsultationState) {
  rule(state.opened, 'consultationId', 'exists', 'No such consultation');
  if (!state.opened) throw new Error('unreachable');
  return state;
}

function submit(c: Extract<RecordCommand, { type: 'SubmitOpinions' }>): ConsultationRecordEvent[] {
  const consultation = consultationOf(c.consultation);
  rule(
    acceptsOpinions(consultation, c.now),
    'consultationId',
    'accepts_opinions',
    `The consultation takes opinions from ${consultation.round.opensAt} until ${consultation.round.closesAt}, unless closed earlier`,
  );
  if (c.office) {
    rule(
      OFFICE_CHANNELS.includes(c.channel),
      'channel',
      'office_channel',
      `An outreach office enters opinions collected by ${OFFICE_CHANNELS.join(', ')}`,
    );
    rule(
      c.office.legislatureIds.includes(consultation.legislatureId),
      'consultationId',
      'served_legislature',
      `Office ${c.office.organisationId} does not serve ${consultation.legislatureId}`,
    );
  }
  rule(c.opinions.length > 0, 'opinions', 'not_empty', 'An intake holds at least one opinion');
  const articles = new Set(consultation.round.articles.map((a) => a.articleId));
  c.opinions.forEach((o, i) =>
    o.articleIds.forEach((id, j) =>
      rule(
        articles.has(id),
        `opinions[${i}].articleIds[${j}]`,
        'article_of_version',
        `${id} is not an article of version ${consultation.round.version}`,
      ),
    ),
  );
  return c.opinions.map((data) => ({ type: 'OpinionSubmitted' as const, data }));
}

function draft(
  c: Extract<RecordCommand, { type: 'DraftDispositions' }>,
): ConsultationRecordEvent[] {
  consultationOf(c.consultation);
  for (const [field, id] of c.unknown) {
    rule(false, field, 'exists', `${id} is not an opinion or cluster of this consultation`);
  }
  rule(c.dispositions.length > 0, 'dispositions', 'not_empty', 'Nothing to dispose of');
  c.dispositions.forEach((d, i) => {
    if (d.outcome === 'not_adopted') return;
    rule(
      d.resultingArticleId !== null && ARTICLE_ID.test(d.resultingArticleId),
      `dispositions[${i}].resultingArticleId`,
      'required_when_adopted',
      'An adopted opinion names the article it resulted in',
    );
  });
  return c.dispositions.map((data) => ({ type: 'OpinionDispositionDrafted' as const, data }));
}

function tellBack(
  c: Extract<RecordCommand, { type: 'RecordTellingBack' }>,
): ConsultationRecordEvent[] {
  const consultation = consultationOf(c.consultation);
  c.items.forEach((item, i) => {
    rule(
      item.officeId === c.officeId,
      `opinionIds[${i}]`,
      'own_office',
      `${item.opinionId} was not collected by ${c.officeId}`,
    );
    rule(
      item.published,
      `opinionIds[${i}]`,
      'published',
      `${item.opinionId} has no published disposition to tell`,
    );
  });
  return c.items.map((item) => ({
    type: 'OpinionToldBack' as const,
    data: {
      opinionId: item.opinionId,
      consultationId: consultation.consultationId,
      legislatureId: consultation.legislatureId,
      officeId: c.officeId,
      means: c.means,
    },
  }));
}

const KIND_OF: Record<ConsultationRecordEvent['type'], RecordKind> = {
  OpinionSubmitted: 'intake',
  OpinionDispositionDrafted: 'dispositions',
  OpinionToldBack: 'telling_back',
};

/**
 * A record of many opinions at once, written in one append with one event per opinion: a
 * symposium's or form's intake (by the office, the public, or another system), a disposition
 * sheet (by the legislature), a telling-back log (by the office). Records never change.
 */
export const recordDecider = workflow<
  RecordCommand,
  RecordState,
  ConsultationRecordEvent,
  'none' | 'recorded',
  'office' | 'public' | 'legislature'
>({
  aggregate: 'consultation_record',
  initialState: { recorded: false },
  status: (s) => (s.recorded ? 'recorded' : 'none'),
  allowedSteps: {
    none: ['submit_opinions', 'draft_dispositions', 'record_telling_back'],
    recorded: [],
  },
  steps: {
    SubmitOpinions: { step: 'submit_opinions', actors: { outreach: 'office', public: 'public' } },
    DraftDispositions: { step: 'draft_dispositions', actors: { legislature: 'legislature' } },
    RecordTellingBack: { step: 'record_telling_back', actors: { outreach: 'office' } },
  },
  sides: {
    office: (actor, _s, c) =>
      actor.organisation.kind === 'outreach_office' &&
      (c.type === 'SubmitOpinions'
        ? c.office?.organisationId === actor.organisation.organisationId
        : c.type === 'RecordTellingBack' && c.officeId === actor.organisation.organisationId),
    // The public form: no office, and only the online channel.
    public: (_a, _s, c) =>
      c.type === 'SubmitOpinions' && c.office === null && c.channel === 'online',
    legislature: (actor, _s, c) =>
      c.consultation.opened && isLegislatureSide(actor, c.consultation.legislatureId),
  },
  decisions: { SubmitOpinions: submit, DraftDispositions: draft, RecordTellingBack: tellBack },
  evolve: (state, event) =>
    state.recorded
      ? { ...state, opinions: state.opinions + 1 }
      : {
          recorded: true,
          kind: KIND_OF[event.type],
          consultationId: event.data.consultationId,
          legislatureId: event.data.legislatureId,
          officeId: 'officeId' in event.data ? event.data.officeId : null,
          opinions: 1,
        },
});

export const recordAggregate = defineAggregate({
  name: 'consultation_record',
  idField: 'recordId',
  decider: recordDecider,
  exists: (s) => s.recorded,
  status: (s) => (s.recorded ? 'recorded' : 'none'),
  readers: (s) =>
    s.recorded
      ? RECORD_READ_POLICY.readers({ legislatureId: s.legislatureId, officeId: s.officeId })
      : [],
  location: (id) => `/api/consultations/records/${id}`,
  reads: ['consultation-opinions'],
});
