import { actor, changchun, jilin } from '../../../test/support/actors';
import { broken, specFor } from '../../../test/support/given-when-then';
import {
  ConsultationEvent,
  ConsultationOpenedV1,
  ConsultationRecordEvent,
  ConsultationRound,
  OpinionDispositionDraftedV1,
  OpinionSubmittedV1,
} from '../../events/consultation-events';
import { ActorContext, OrganisationProfile } from '../../platform/access/actor';
import {
  BusinessRuleError,
  ForbiddenError,
  InvalidStepError,
} from '../../platform/kernel/domain-errors';
import { fold } from '../../platform/kernel/decider';
import { CollectingOffice, RecordCommand, recordDecider } from './consultation-record.decider';
import {
  ConsultationCommand,
  ConsultationState,
  consultationDecider,
  contributorDecider,
} from './consultation.decider';

const NOW = '2025-03-10T02:00:00.000Z';
const ID = '11111111-1111-4111-8111-111111111111';
const drafter = actor(jilin.specialCommittee, ['legislature']);
const partyGroup = actor(jilin.partyGroup, ['party_group', 'legislature']);
const outreachProfile: OrganisationProfile = jilin.outreachOffice;
const staff = actor(outreachProfile, ['outreach']);
const publicActor: ActorContext = actor(
  { ...jilin.platform, organisationId: 'public', kind: 'public' },
  ['public'],
  'anonymous',
);

const ROUND: ConsultationRound = {
  version: 1,
  versionLabel: '一审稿',
  articles: [
    { articleId: 'art_1', text: '第一条' },
    { articleId: 'art_12/para_2', text: '第十二条第二款' },
  ],
  opensAt: '2025-03-10T00:00:00.000Z',
  closesAt: '2025-04-10T00:00:00.000Z',
};

const OPENED: ConsultationOpenedV1 = {
  consultationId: ID,
  legislatureId: jilin.partyGroup.organisationId,
  subject: 'draft',
  subjectRef: null,
  title: '吉林省物业管理条例（草案）',
  round: ROUND,
};

const opened: ConsultationEvent = { type: 'ConsultationOpened', data: OPENED };
const closed: ConsultationEvent = {
  type: 'ConsultationClosed',
  data: { consultationId: ID, version: 1 },
};

const cmd = <T extends ConsultationCommand['type']>(
  type: T,
  rest: Omit<Extract<ConsultationCommand, { type: T }>, 'type' | 'actor' | 'now'>,
  who: ActorContext = drafter,
  now = NOW,
) => ({ type, actor: who, now, ...rest }) as Extract<ConsultationCommand, { type: T }>;

describe('consultation decider', () => {
  const given = specFor(consultationDecider);

  describe('opening', () => {
    const open = (over: Partial<ConsultationOpenedV1> = {}, who = drafter) =>
      cmd(
        'OpenConsultation',
        { consultation: { ...OPENED, ...over }, legislature: jilin.partyGroup },
        who,
      );

    it.each([
      ['the legislative affairs commission', drafter],
      ['the Party group itself', partyGroup],
    ])('%s opens one on its legislature’s draft', (_l, who) => {
      const { state } = given([]).when(open({}, who)).then([opened]);
      expect(consultationDecider.spec.status(state)).toBe('open');
    });

    it.each([
      ['another city’s legislature', actor(changchun.specialCommittee, ['legislature'])],
      ['an outreach office', actor(outreachProfile, ['legislature'])],
    ])('%s may not', (_l, who) => {
      given([])
        .when(open({}, who))
        .thenThrows(ForbiddenError, {
          details: {
            step: 'open',
            organisationId: who.organisation.organisationId,
            requiredSide: 'legislature',
          },
        });
    });

    it('a committee office role may not', () => {
      given([])
        .when(open({}, actor(jilin.office, ['committee_office'])))
        .thenThrows(ForbiddenError, { details: { step: 'open', requiredRoles: ['legislature'] } });
    });

    it('the legislature is a registered Party group', () => {
      given([])
        .when(cmd('OpenConsultation', { consultation: OPENED, legislature: null }))
        .thenThrows(BusinessRuleError, broken('legislatureId', 'legislature'));
    });

    it.each<[Partial<ConsultationRound>, string, string]>([
      [{ closesAt: '2025-03-01T00:00:00.000Z' }, 'closesAt', 'after_opens_at'],
      [
        { opensAt: '2025-01-01T00:00:00.000Z', closesAt: '2025-02-01T00:00:00.000Z' },
        'closesAt',
        'in_future',
      ],
      [{ articles: [] }, 'articles', 'count'],
      [
        {
          articles: [
            { articleId: 'art_1', text: 'a' },
            { articleId: 'art_1', text: 'b' },
          ],
        },
        'articles[1].articleId',
        'unique',
      ],
      [
        { articles: [{ articleId: 'article 1', text: 'a' }] },
        'articles[0].articleId',
        'article_id',
      ],
      [{ version: 2 }, 'version', 'first_round'],
    ])('a round %j is refused', (round, field, rule) => {
      given([])
        .when(open({ round: { ...ROUND, ...round } }))
        .thenThrows(BusinessRuleError, broken(field, rule));
    });
  });

  describe('closing and new rounds', () => {
    it('closes, then consults a later version again', () => {
      given([opened]).when(cmd('CloseConsultation', {})).then([closed]);
      const round2 = { ...ROUND, version: 2, versionLabel: '二审稿' };
      const { state } = given([opened, closed])
        .when(cmd('OpenRound', { round: round2 }))
        .then([{ type: 'ConsultationRoundOpened', data: { consultationId: ID, round: round2 } }]);
      expect(state).toMatchObject({ closed: false, round: { version: 2 } });
    });

    it('a new round waits for the open one to close, and consults a later version', () => {
      given([opened])
        .when(cmd('OpenRound', { round: { ...ROUND, version: 2 } }))
        .thenThrows(InvalidStepError, {
          details: {
            step: 'open_round',
            currentState: 'open',
            allowedSteps: ['close', 'publish_dispositions', 'merge_clusters', 'split_cluster'],
          },
        });
      given([opened, closed])
        .when(cmd('OpenRound', { round: { ...ROUND, version: 1 } }))
        .thenThrows(BusinessRuleError, broken('version', 'later_version'));
    });

    it('closing twice is refused', () => {
      given([opened, closed])
        .when(cmd('CloseConsultation', {}))
        .thenThrows(InvalidStepError, {
          details: {
            step: 'close',
            currentState: 'closed',
            allowedSteps: ['open_round', 'publish_dispositions', 'merge_clusters', 'split_cluster'],
          },
        });
    });
  });

  describe('publication and clusters', () => {
    it('publishes when drafts wait, not otherwise', () => {
      given([opened])
        .when(cmd('PublishDispositions', { unpublishedDrafts: 3 }))
        .then([{ type: 'DispositionsPublished', data: { consultationId: ID } }]);
      given([opened])
        .when(cmd('PublishDispositions', { unpublishedDrafts: 0 }))
        .thenThrows(BusinessRuleError, broken('consultationId', 'nothing_to_publish'));
    });

    it('merges known clusters, each once, not into itself', () => {
      const merge = (mergedClusterIds: string[], knownClusterIds: string[]) =>
        cmd('MergeClusters', { clusterId: 'c1', mergedClusterIds, knownClusterIds });
      given([opened])
        .when(merge(['c2', 'c3'], ['c1', 'c2', 'c3']))
        .then([
          {
            type: 'ClustersMerged',
            data: { consultationId: ID, clusterId: 'c1', mergedClusterIds: ['c2', 'c3'] },
          },
        ]);
      given([opened])
        .when(merge(['c2', 'c9'], ['c1', 'c2']))
        .thenThrows(BusinessRuleError, broken('mergedClusterIds[1]', 'exists'));
      given([opened])
        .when(merge(['c1'], ['c1', 'c1']))
        .thenThrows(BusinessRuleError, broken('mergedClusterIds', 'distinct'));
    });

    it('splits members out into a cluster named by the first, leaving some behind', () => {
      const split = (opinionIds: string[], members: string[], clusterSize: number) =>
        cmd('SplitCluster', { clusterId: 'c1', opinionIds, members, clusterSize });
      given([opened])
        .when(split(['o2', 'o3', 'o2'], ['o2', 'o3', 'o2'], 4))
        .then([
          {
            type: 'ClusterSplit',
            data: {
              consultationId: ID,
              clusterId: 'c1',
              newClusterId: 'o2',
              opinionIds: ['o2', 'o3'],
            },
          },
        ]);
      given([opened])
        .when(split(['o9'], [], 4))
        .thenThrows(BusinessRuleError, broken('opinionIds[0]', 'member'));
      given([opened])
        .when(split(['o1', 'o2'], ['o1', 'o2'], 2))
        .thenThrows(BusinessRuleError, broken('opinionIds', 'leaves_some'));
      given([opened])
        .when(split(['o1'], [], 0))
        .thenThrows(BusinessRuleError, broken('clusterId', 'exists'));
    });

    it('an outreach office does not publish or regroup', () => {
      given([opened])
        .when(
          cmd(
            'PublishDispositions',
            { unpublishedDrafts: 1 },
            actor(outreachProfile, ['outreach']),
          ),
        )
        .thenThrows(ForbiddenError, {
          details: { step: 'publish_dispositions', requiredRoles: ['legislature'] },
        });
    });
  });
});

// ---------------------------------------------------------------------------------------------

const consultation: ConsultationState = fold(consultationDecider, [opened]);
const office: CollectingOffice = {
  organisationId: outreachProfile.organisationId,
  legislatureIds: [jilin.partyGroup.organisationId],
};

const opinion = (over: Partial<OpinionSubmittedV1> = {}): OpinionSubmittedV1 => ({
  opinionId: 'o1',
  consultationId: ID,
  legislatureId: jilin.partyGroup.organisationId,
  version: 1,
  channel: 'symposium',
  officeId: office.organisationId,
  contributorId: 'p1',
  tellBackByOffice: true,
  contact: { iv: 'iv', ciphertext: 'ct', tag: 'tag' },
  text: '意见',
  articleIds: ['art_12/para_2'],
  receiptDigest: 'digest',
  ...over,
});

const submit = (
  over: Partial<Extract<RecordCommand, { type: 'SubmitOpinions' }>> = {},
  who = staff,
  now = NOW,
): RecordCommand => ({
  type: 'SubmitOpinions',
  actor: who,
  now,
  consultation,
  channel: 'symposium',
  office,
  opinions: [opinion()],
  ...over,
});

const submitted = (data: OpinionSubmittedV1): ConsultationRecordEvent => ({
  type: 'OpinionSubmitted',
  data,
});

describe('consultation record decider', () => {
  const given = specFor(recordDecider);

  describe('intake', () => {
    it('an office serving the legislature records a batch, one event per opinion', () => {
      const two = [opinion(), opinion({ opinionId: 'o2', articleIds: [] })];
      const { state, actedAs } = given([])
        .when(submit({ opinions: two }))
        .then(two.map(submitted));
      expect(actedAs).toBe('outreach');
      expect(state).toEqual({
        recorded: true,
        kind: 'intake',
        consultationId: ID,
        legislatureId: jilin.partyGroup.organisationId,
        officeId: office.organisationId,
        opinions: 2,
      });
    });

    it('the public form records one online opinion without an office', () => {
      const online = opinion({ channel: 'online', officeId: null, tellBackByOffice: false });
      const { actedAs } = given([])
        .when(submit({ channel: 'online', office: null, opinions: [online] }, publicActor))
        .then([submitted(online)]);
      expect(actedAs).toBe('public');
    });

    it('the public role cannot pose as an office, nor an office as the public', () => {
      given([])
        .when(submit({}, publicActor))
        .thenThrows(ForbiddenError, {
          details: { step: 'submit_opinions', organisationId: 'public', requiredSide: 'public' },
        });
      given([])
        .when(submit({ channel: 'online', office: null }))
        .thenThrows(ForbiddenError, {
          details: {
            step: 'submit_opinions',
            organisationId: office.organisationId,
            requiredSide: 'office',
          },
        });
    });

    it.each<[string, Partial<Extract<RecordCommand, { type: 'SubmitOpinions' }>>, string, string]>([
      [
        'an office not serving the legislature',
        { office: { ...office, legislatureIds: ['cn-other'] } },
        'consultationId',
        'served_legislature',
      ],
      ['the online channel by an office', { channel: 'online' }, 'channel', 'office_channel'],
      [
        'an article of no version',
        { opinions: [opinion({ articleIds: ['art_1', 'art_9'] })] },
        'opinions[0].articleIds[1]',
        'article_of_version',
      ],
      ['no opinion', { opinions: [] }, 'opinions', 'not_empty'],
      [
        'a closed consultation',
        { consultation: fold(consultationDecider, [opened, closed]) },
        'consultationId',
        'accepts_opinions',
      ],
      ['no consultation', { consultation: { opened: false } }, 'consultationId', 'exists'],
    ])('refuses %s', (_l, over, field, rule) => {
      given([]).when(submit(over)).thenThrows(BusinessRuleError, broken(field, rule));
    });

    it.each([
      ['before the window', '2025-03-09T23:59:59.999Z'],
      ['at its end', '2025-04-10T00:00:00.000Z'],
    ])('refuses opinions %s', (_l, now) => {
      given([])
        .when(submit({}, staff, now))
        .thenThrows(BusinessRuleError, broken('consultationId', 'accepts_opinions'));
    });

    it('a record is written once', () => {
      given([submitted(opinion())])
        .when(submit())
        .thenThrows(InvalidStepError, {
          details: { step: 'submit_opinions', currentState: 'recorded', allowedSteps: [] },
        });
    });
  });

  describe('dispositions', () => {
    const d = (over: Partial<OpinionDispositionDraftedV1> = {}): OpinionDispositionDraftedV1 => ({
      opinionId: 'o1',
      consultationId: ID,
      legislatureId: jilin.partyGroup.organisationId,
      clusterId: null,
      outcome: 'adopted',
      reason: '采纳',
      resultingArticleId: 'art_12/para_2',
      textChange: '修改为……',
      ...over,
    });
    const draft = (
      dispositions: OpinionDispositionDraftedV1[],
      unknown: [string, string][] = [],
      who = drafter,
    ): RecordCommand => ({
      type: 'DraftDispositions',
      actor: who,
      now: NOW,
      consultation,
      dispositions,
      unknown,
    });

    it('the legislature drafts one event per opinion', () => {
      const all = [d(), d({ opinionId: 'o2', outcome: 'not_adopted', resultingArticleId: null })];
      given([])
        .when(draft(all))
        .then(all.map((data) => ({ type: 'OpinionDispositionDrafted' as const, data })));
    });

    it('adopted wholly or partly names the resulting article', () => {
      given([])
        .when(
          draft([d(), d({ opinionId: 'o2', outcome: 'partly_adopted', resultingArticleId: null })]),
        )
        .thenThrows(
          BusinessRuleError,
          broken('dispositions[1].resultingArticleId', 'required_when_adopted'),
        );
    });

    it('names the first opinion or cluster that is not this consultation’s', () => {
      given([])
        .when(draft([d()], [['dispositions[0].clusterId', 'c9']]))
        .thenThrows(BusinessRuleError, broken('dispositions[0].clusterId', 'exists'));
    });

    it('an office and another legislature may not draft', () => {
      given([])
        .when(draft([d()], [], actor(outreachProfile, ['outreach'])))
        .thenThrows(ForbiddenError, {
          details: { step: 'draft_dispositions', requiredRoles: ['legislature'] },
        });
      const other = actor(changchun.specialCommittee, ['legislature']);
      given([])
        .when(draft([d()], [], other))
        .thenThrows(ForbiddenError, {
          details: {
            step: 'draft_dispositions',
            organisationId: other.organisation.organisationId,
            requiredSide: 'legislature',
          },
        });
    });
  });

  describe('telling back', () => {
    const tell = (items: { opinionId: string; officeId: string | null; published: boolean }[]) =>
      ({
        type: 'RecordTellingBack',
        actor: staff,
        now: NOW,
        consultation,
        officeId: office.organisationId,
        means: 'phone',
        items,
      }) as RecordCommand;

    it('the collecting office records it for published dispositions', () => {
      given([])
        .when(tell([{ opinionId: 'o1', officeId: office.organisationId, published: true }]))
        .then([
          {
            type: 'OpinionToldBack',
            data: {
              opinionId: 'o1',
              consultationId: ID,
              legislatureId: jilin.partyGroup.organisationId,
              officeId: office.organisationId,
              means: 'phone',
            },
          },
        ]);
    });

    it.each([
      [{ opinionId: 'o1', officeId: 'other-office', published: true }, 'own_office'],
      [{ opinionId: 'o1', officeId: null, published: false }, 'own_office'],
      [{ opinionId: 'o1', officeId: office.organisationId, published: false }, 'published'],
    ])('refuses %j', (item, rule) => {
      given([])
        .when(tell([item]))
        .thenThrows(BusinessRuleError, broken('opinionIds[0]', rule));
    });
  });
});

describe('contributor decider', () => {
  const given = specFor(contributorDecider);
  const erase = (
    who: ActorContext,
    known = true,
    collectingOfficeIds = [office.organisationId],
    receiptHolder = false,
  ) => ({
    type: 'EraseContributor' as const,
    actor: who,
    now: NOW,
    contributorId: 'p1',
    known,
    collectingOfficeIds,
    receiptHolder,
  });

  it.each([
    ['an administrator', actor(jilin.platform, ['admin']), false],
    ['the collecting office', staff, false],
    ['the person with a receipt code of their opinion', publicActor, true],
  ])('%s erases a contributor once', (_l, who, receiptHolder) => {
    const { state } = given([])
      .when(erase(who, true, [office.organisationId], receiptHolder))
      .then([{ type: 'ContributorErased', data: { contributorId: 'p1' } }]);
    given([{ type: 'ContributorErased', data: { contributorId: 'p1' } }])
      .when(erase(who, true, [office.organisationId], receiptHolder))
      .thenThrows(InvalidStepError, {
        details: { step: 'erase', currentState: 'erased', allowedSteps: [] },
      });
    expect(state).toEqual({ erased: true });
  });

  it('another office may not; an unknown contributor is refused', () => {
    given([])
      .when(erase(staff, true, ['another-office']))
      .thenThrows(ForbiddenError, {
        details: {
          step: 'erase',
          organisationId: office.organisationId,
          requiredSide: 'collecting_office',
        },
      });
    given([])
      .when(erase(actor(jilin.platform, ['admin']), false))
      .thenThrows(BusinessRuleError, broken('contributorId', 'exists'));
  });

  it('the public without the receipt code of one of the contributor’s opinions may not', () => {
    given([])
      .when(erase(publicActor, true, [office.organisationId], false))
      .thenThrows(ForbiddenError, {
        details: { step: 'erase', organisationId: 'public', requiredSide: 'receipt_holder' },
      });
    // A receipt code does not make staff of another office the collecting office.
    given([])
      .when(erase(staff, true, ['another-office'], true))
      .thenThrows(ForbiddenError, {
        details: {
          step: 'erase',
          organisationId: office.organisationId,
          requiredSide: 'collecting_office',
        },
      });
  });
});
