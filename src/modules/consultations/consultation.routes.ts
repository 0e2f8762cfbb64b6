/** Every consultation command, declared once: route, body, Kafka name, decider command. */
import { Role } from '../../events/envelope';
import { defineCommand } from '../../platform/kernel/feature';
import { RecordCommand, recordAggregate } from './consultation-record.decider';
import {
  ConsultationCommand,
  ContributorCommand,
  consultationAggregate,
  contributorAggregate,
} from './consultation.decider';
import {
  DraftDispositionsDto,
  EmptyDto,
  EraseContributorDto,
  MergeClustersDto,
  OpenConsultationDto,
  OpenRoundDto,
  RecordTellingBackDto,
  SplitClusterDto,
  SubmitOpinionsDto,
} from './consultation.dto';
import { ConsultationCommandEnvironment } from './consultations.environment';

type Env = ConsultationCommandEnvironment;
/** Other systems send what a legislature's or an office's staff would. */
const LEGISLATURE: Role[] = ['legislature'];
const OFFICE: Role[] = ['outreach'];
const ON_CONSULTATION = { consultationId: 'uuid' } as const;

const round = (dto: OpenRoundDto | OpenConsultationDto, version: number) => ({
  version,
  versionLabel: dto.versionLabel,
  articles: dto.articles.map(({ articleId, text }) => ({ articleId, text })),
  opensAt: new Date(dto.opensAt).toISOString(),
  closesAt: new Date(dto.closesAt).toISOString(),
});

export const CONSULTATION_COMMANDS = [
  defineCommand<OpenConsultationDto, ConsultationCommand, Env>({
    name: 'consultation.open',
    aggregate: consultationAggregate,
    inboundRoles: LEGISLATURE,
    path: 'consultations',
    summary: 'Open a consultation on a draft or an annual plan (legislature side)',
    dto: OpenConsultationDto,
    creates: true,
    command: async ({ dto, id, env }) => ({
      type: 'OpenConsultation',
      consultation: {
        consultationId: id,
        legislatureId: dto.legislatureId,
        subject: dto.subject,
        subjectRef: dto.subjectRef ?? null,
        title: dto.title,
        round: round(dto, 1),
      },
      legislature: await env.directory.find(dto.legislatureId),
    }),
  }),
  defineCommand<OpenRoundDto, ConsultationCommand, Env>({
    name: 'consultation.round.open',
    aggregate: consultationAggregate,
    inboundRoles: LEGISLATURE,
    path: 'consultations/:consultationId/rounds',
    summary: 'Consult a new draft version again, after the last round closed (legislature side)',
    dto: OpenRoundDto,
    params: ON_CONSULTATION,
    command: ({ dto }) => ({ type: 'OpenRound', round: round(dto, dto.version) }),
  }),
  defineCommand<EmptyDto, ConsultationCommand, Env>({
    name: 'consultation.close',
    aggregate: consultationAggregate,
    inboundRoles: LEGISLATURE,
    path: 'consultations/:consultationId/closure',
    summary: 'Close the current round before its window ends (legislature side)',
    dto: EmptyDto,
    params: ON_CONSULTATION,
    command: () => ({ type: 'CloseConsultation' }),
  }),
  defineCommand<EmptyDto, ConsultationCommand, Env>({
    name: 'consultation.dispositions.publish',
    aggregate: consultationAggregate,
    inboundRoles: LEGISLATURE,
    path: 'consultations/:consultationId/publications',
    summary: 'Publish every drafted disposition at once (legislature side)',
    dto: EmptyDto,
    params: ON_CONSULTATION,
    command: ({ params, env }) => ({
      type: 'PublishDispositions',
      unpublishedDrafts: env.unpublishedDrafts(String(params.consultationId)),
    }),
  }),
  defineCommand<MergeClustersDto, ConsultationCommand, Env>({
    name: 'consultation.clusters.merge',
    aggregate: consultationAggregate,
    inboundRoles: LEGISLATURE,
    path: 'consultations/:consultationId/cluster-merges',
    summary: 'Merge clusters of near-identical opinions (legislature side)',
    dto: MergeClustersDto,
    params: ON_CONSULTATION,
    command: ({ dto, params, env }) => ({
      type: 'MergeClusters',
      clusterId: dto.clusterId,
      mergedClusterIds: dto.mergedClusterIds,
      knownClusterIds: env.knownClusters(String(params.consultationId), [
        dto.clusterId,
        ...dto.mergedClusterIds,
      ]),
    }),
  }),
  defineCommand<SplitClusterDto, ConsultationCommand, Env>({
    name: 'consultation.clusters.split',
    aggregate: consultationAggregate,
    inboundRoles: LEGISLATURE,
    path: 'consultations/:consultationId/cluster-splits',
    summary: 'Move opinions out of a cluster into a new one (legislature side)',
    dto: SplitClusterDto,
    params: ON_CONSULTATION,
    command: ({ dto, params, env }) => {
      const members = env.clusterMembers(String(params.consultationId), dto.clusterId);
      const set = new Set(members);
      return {
        type: 'SplitCluster',
        clusterId: dto.clusterId,
        opinionIds: dto.opinionIds,
        clusterSize: members.length,
        members: dto.opinionIds.filter((id) => set.has(id)),
      };
    },
  }),
  defineCommand<SubmitOpinionsDto, RecordCommand, Env>({
    name: 'consultation.opinions.submit',
    aggregate: recordAggregate,
    inboundRoles: OFFICE,
    path: 'consultations/:consultationId/opinion-intakes',
    summary:
      'Enter a batch of opinions an outreach office collected (symposium, letters; outreach); receipt codes are on the record',
    dto: SubmitOpinionsDto,
    params: ON_CONSULTATION,
    creates: true,
    command: async ({ dto, params, id, context, env }) => {
      const consultation = await env.consultation(String(params.consultationId));
      // The public form (its own route, rate limited) acts in the public role: online, no office.
      const online = context.actor.roles.includes('public');
      const channel = online ? 'online' : dto.channel;
      const office = online ? null : await env.officeOf(context.actor);
      return {
        type: 'SubmitOpinions',
        consultation,
        channel,
        office,
        opinions: env.opinions(
          id,
          consultation,
          channel,
          office?.organisationId ?? null,
          dto.opinions,
        ),
      };
    },
    respond: (events) => ({
      opinionIds: events.map((e) => (e.data as { opinionId: string }).opinionId),
    }),
    // Opinions hold contacts (name, phone, address): a refused one's dead letter keeps none.
    text: { fields: ['opinions'], mayShare: () => false },
  }),
  defineCommand<DraftDispositionsDto, RecordCommand, Env>({
    name: 'consultation.dispositions.draft',
    aggregate: recordAggregate,
    inboundRoles: LEGISLATURE,
    path: 'consultations/:consultationId/disposition-sheets',
    summary:
      'Draft dispositions per opinion or per cluster, one event per opinion; internal until published (legislature side)',
    dto: DraftDispositionsDto,
    params: ON_CONSULTATION,
    creates: true,
    command: async ({ dto, params, env }) => {
      const consultation = await env.consultation(String(params.consultationId));
      return {
        type: 'DraftDispositions',
        consultation,
        ...env.dispositions(consultation, dto.dispositions),
      };
    },
    respond: (events) => ({ dispositions: events.length }),
    // Drafts are internal until published.
    text: { fields: ['dispositions'], mayShare: () => false },
  }),
  defineCommand<RecordTellingBackDto, RecordCommand, Env>({
    name: 'consultation.telling_back.record',
    aggregate: recordAggregate,
    inboundRoles: OFFICE,
    path: 'consultations/:consultationId/telling-back',
    summary: 'Record that the office told its contributors of the published disposition (outreach)',
    dto: RecordTellingBackDto,
    params: ON_CONSULTATION,
    creates: true,
    command: async ({ dto, params, context, env }) => {
      const consultationId = String(params.consultationId);
      return {
        type: 'RecordTellingBack',
        consultation: await env.consultation(consultationId),
        officeId: context.actor.organisation.organisationId,
        means: dto.means,
        items: env.tellingBack(consultationId, dto.opinionIds),
      };
    },
  }),
  defineCommand<EraseContributorDto, ContributorCommand, Env>({
    name: 'consultation.contributor.erase',
    aggregate: contributorAggregate,
    path: 'consultations/contributor-erasures',
    summary:
      'Erase a contributor’s personal data: their key is deleted, the sealed contact unreadable for good (admin, or the collecting office; the person with a receipt code at POST /api/public/contributor-erasures)',
    dto: EraseContributorDto,
    creates: true,
    newId: ({ dto }) => dto.contributorId,
    command: ({ dto, env }) => {
      const { known, officeIds } = env.contributor(dto.contributorId);
      return {
        type: 'EraseContributor',
        contributorId: dto.contributorId,
        known,
        collectingOfficeIds: officeIds,
        receiptHolder:
          dto.receiptCode !== undefined &&
          env.receiptContributor(dto.receiptCode) === dto.contributorId,
      };
    },
  }),
];
