/**
 * The demo's linkage story (衔接): Jilin's and Changchun's committee decisions, an annual plan,
 * legislative items carrying the decisions out, submissions about them with the committee's
 * opinion and the legislature's feedback, and a committee-initiated proposal, so the linkage
 * view has something to show. Each step is an API call as a demo user would make it (`POST
 * /api/<path>` with a body), run through the same command declarations, validation, deciders
 * and read models as the HTTP API; `{name}` in a path or body is the id an earlier step named
 * `name` created. Each step carries its own idempotency key, so a second seed appends nothing.
 */
export interface DemoStep {
  /** Names the step; a step that creates an aggregate makes its id available as `{key}`. */
  key: string;
  /** A demo user's id (`DEMO_USERS`). */
  user: string;
  /** Under `/api`, e.g. `items/{blackSoil}/drafting`. */
  path: string;
  body: object;
}

const submissionSteps = (key: string, opinion: object | null): DemoStep[] => [
  {
    key: `${key}.discussed`,
    user: 'jl-party-group',
    path: `submissions/{${key}}/party-group-discussion`,
    body: {
      meetingKind: 'party_group_meeting',
      meetingDate: '2025-05-08',
      minutesReference: '党组会议纪要〔2025〕9号',
    },
  },
  { key: `${key}.sent`, user: 'jl-party-group', path: `submissions/{${key}}/submission`, body: {} },
  {
    key: `${key}.received`,
    user: 'jl-office',
    path: `submissions/{${key}}/receipt`,
    body: { officeLogNumber: `省委办收〔2025〕${key.length * 17}号` },
  },
  ...(opinion
    ? [
        {
          key: `${key}.meeting`,
          user: 'jl-office',
          path: `submissions/{${key}}/committee-meetings`,
          body: { meetingKind: 'standing_committee_meeting', meetingDate: '2025-05-20' },
        },
        {
          key: `${key}.opinion`,
          user: 'jl-office',
          path: `submissions/{${key}}/opinion`,
          body: opinion,
        },
      ]
    : []),
];

const decision = (
  key: string,
  user: string,
  documentNumber: string,
  title: string,
  decidedOn: string,
  policyAreas: string[],
  followUp: string | null,
  kind = 'reform_plan',
): DemoStep => ({
  key,
  user,
  path: 'decisions',
  body: {
    documentNumber,
    title,
    summary: `${title}（演示数据）`,
    decidedOn,
    policyAreas,
    kind,
    followUp,
  },
});

const implementsLink = (
  key: string,
  user: string,
  item: string,
  decisionKey: string,
): DemoStep => ({
  key,
  user,
  path: 'links',
  body: {
    type: 'implements',
    from: { kind: 'item', id: `{${item}}`, point: null },
    to: { kind: 'decision', id: `{${decisionKey}}`, point: null },
    rationale: '立法项目落实党委决策部署',
  },
});

export const DEMO_LINKAGE_STEPS: DemoStep[] = [
  // Jilin: three decisions, two needing a new or amended law, transmitted and acknowledged.
  decision(
    'blackSoilDecision',
    'jl-office',
    '吉发〔2025〕3号',
    '关于全面加强黑土地保护的意见',
    '2025-02-10',
    ['农业农村', '生态环境'],
    'new_law',
  ),
  decision(
    'businessDecision',
    'jl-office',
    '吉发〔2025〕8号',
    '关于持续优化营商环境的若干措施',
    '2025-03-18',
    ['营商环境'],
    'amendment',
    'specific_measure',
  ),
  decision(
    'governanceDecision',
    'jl-office',
    '吉发〔2025〕15号',
    '关于推进基层治理体系和治理能力现代化的决定',
    '2025-06-01',
    ['社会治理'],
    'new_law',
  ),
  ...['blackSoilDecision', 'businessDecision', 'governanceDecision'].flatMap((d) => [
    { key: `${d}.transmitted`, user: 'jl-office', path: `decisions/{${d}}/transmission`, body: {} },
    {
      key: `${d}.acknowledged`,
      user: 'jl-party-group',
      path: `decisions/{${d}}/acknowledgement`,
      body: {},
    },
  ]),
  // Two items carrying out the first two decisions.
  {
    key: 'blackSoil',
    user: 'jl-fgw',
    path: 'items',
    body: {
      kind: 'local_regulation',
      title: '吉林省黑土地保护条例',
      summary: '黑土地保护的范围、职责、补偿与法律责任',
      policyAreas: ['农业农村', '生态环境'],
      proposedOn: '2025-02-20',
    },
  },
  {
    key: 'business',
    user: 'jl-fgw',
    path: 'items',
    body: {
      kind: 'local_regulation',
      title: '吉林省优化营商环境条例（修订）',
      summary: '落实优化营商环境若干措施，修订现行条例',
      policyAreas: ['营商环境'],
      proposedOn: '2025-03-25',
    },
  },
  implementsLink('blackSoil.link', 'jl-party-group', 'blackSoil', 'blackSoilDecision'),
  implementsLink('business.link', 'jl-party-group', 'business', 'businessDecision'),
  // The committee proposes the black-soil law itself; the Party group takes it into the plan.
  {
    key: 'blackSoilProposal',
    user: 'jl-office',
    path: 'proposals',
    body: {
      route: 'standing_committee',
      itemKind: 'local_regulation',
      title: '关于制定黑土地保护地方性法规的立法建议',
      summary: '建议将黑土地保护条例列入年度立法计划',
      decisionId: '{blackSoilDecision}',
    },
  },
  {
    key: 'blackSoilProposal.argued',
    user: 'jl-party-group',
    path: 'proposals/{blackSoilProposal}/argumentation',
    body: { arguedOn: '2025-03-05', note: '法工委论证：立法条件成熟' },
  },
  // The 2025 annual plan with both items, reported through a submission and approved.
  {
    key: 'plan2025',
    user: 'jl-fgw',
    path: 'plans',
    body: {
      kind: 'annual',
      fromYear: 2025,
      toYear: 2025,
      title: '吉林省人大常委会2025年度立法计划',
      entries: ['blackSoil', 'business'].map((item) => ({
        itemId: `{${item}}`,
        necessity: '落实省委决策部署，亟需立法',
        feasibility: '已有调研和试点基础',
        socialEffects: '有利于粮食安全和营商环境',
        obstacles: '补偿资金来源待明确',
      })),
    },
  },
  {
    key: 'planReport',
    user: 'jl-fgw',
    path: 'submissions',
    body: {
      kind: 'request',
      category: 'legislative_plan',
      title: '关于吉林省人大常委会2025年度立法计划的请示',
      summary: '报请省委审定年度立法计划',
      body: '一、计划项目……二、保障措施……',
      documentNumber: '吉人党字〔2025〕2号',
      classification: 'internal',
      addressedCommitteeId: 'cn-220000-pc',
    },
  },
  {
    key: 'plan2025.reported',
    user: 'jl-party-group',
    path: 'plans/{plan2025}/report',
    body: { submissionId: '{planReport}' },
  },
  {
    key: 'plan2025.approved',
    user: 'jl-office',
    path: 'plans/{plan2025}/approval',
    body: { approvedOn: '2025-03-28', approvalReference: '省委常委会会议纪要〔2025〕4号' },
  },
  {
    key: 'blackSoilProposal.answered',
    user: 'jl-party-group',
    path: 'proposals/{blackSoilProposal}/answer',
    body: {
      answer: 'taken_into_plan',
      explanation: '已列入2025年度立法计划',
      planId: '{plan2025}',
      itemId: '{blackSoil}',
    },
  },
  ...['blackSoil', 'business'].map((item) => ({
    key: `${item}.planned`,
    user: 'jl-fgw',
    path: `items/{${item}}/plan`,
    body: { planId: '{plan2025}' },
  })),
  {
    key: 'blackSoil.drafting',
    user: 'jl-party-group',
    path: 'items/{blackSoil}/drafting',
    body: { draftingUnitId: 'cn-220000-npc-fgw', startedOn: '2025-04-01' },
  },
  {
    key: 'blackSoil.reading1',
    user: 'jl-party-group',
    path: 'items/{blackSoil}/readings',
    body: {
      readingNumber: 1,
      heldOn: '2025-05-28',
      meetingReference: '省十四届人大常委会第十六次会议',
    },
  },
  {
    key: 'business.drafting',
    user: 'jl-party-group',
    path: 'items/{business}/drafting',
    body: { draftingUnitId: 'cn-220000-npc-fgw', startedOn: '2025-04-10' },
  },
  // A drafting request about the black-soil law and its decision, answered point by point.
  {
    key: 'blackSoilRequest',
    user: 'jl-fgw',
    path: 'submissions',
    body: {
      kind: 'request',
      category: 'drafting',
      title: '关于《吉林省黑土地保护条例（草案）》起草中重大问题的请示',
      summary: '请省委明确补偿范围和执法主体',
      body: '一、关于补偿范围……二、关于执法主体……',
      documentNumber: '吉人党字〔2025〕5号',
      classification: 'confidential',
      addressedCommitteeId: 'cn-220000-pc',
      itemIds: ['{blackSoil}'],
      decisionIds: ['{blackSoilDecision}'],
    },
  },
  ...submissionSteps('blackSoilRequest', {
    documentNumber: '吉委办函〔2025〕21号',
    outcome: 'approved_with_opinions',
    points: [
      { number: 1, text: '进一步明确生态补偿标准' },
      { number: 2, text: '明确县级以上人民政府的执法主体' },
      { number: 3, text: '增加公众参与和社会监督条款' },
    ],
  }),
  {
    key: 'blackSoilRequest.feedback1',
    user: 'jl-fgw',
    path: 'submissions/{blackSoilRequest}/opinion/points/1/feedback',
    body: { adoption: 'adopted', readingNumber: 1, articles: ['art_12'] },
  },
  {
    key: 'blackSoilRequest.feedback2',
    user: 'jl-fgw',
    path: 'submissions/{blackSoilRequest}/opinion/points/2/feedback',
    body: {
      adoption: 'partly_adopted',
      explanation: '执法主体写入条例，具体分工由省政府规定',
      readingNumber: 1,
      articles: ['art_20/para_1'],
    },
  },
  // A major-issue request about the business law, still awaiting the committee's reply.
  {
    key: 'businessRequest',
    user: 'jl-fgw',
    path: 'submissions',
    body: {
      kind: 'request',
      category: 'major_issue',
      title: '关于《吉林省优化营商环境条例（修订草案）》有关重大问题的请示',
      summary: '请省委就信用承诺制度的适用范围作出决定',
      body: '关于信用承诺制度……',
      documentNumber: '吉人党字〔2025〕7号',
      classification: 'internal',
      addressedCommitteeId: 'cn-220000-pc',
      itemIds: ['{business}'],
      decisionIds: [],
    },
  },
  ...submissionSteps('businessRequest', null),
  // Changchun: one decision and the municipal regulation carrying it out.
  decision(
    'propertyDecision',
    'cc-office',
    '长发〔2025〕6号',
    '关于加强城市物业管理的实施意见',
    '2025-03-03',
    ['社会治理'],
    'new_law',
  ),
  {
    key: 'propertyDecision.transmitted',
    user: 'cc-office',
    path: 'decisions/{propertyDecision}/transmission',
    body: {},
  },
  {
    key: 'property',
    user: 'cc-fgw',
    path: 'items',
    body: {
      kind: 'local_regulation',
      title: '长春市物业管理条例',
      summary: '业主自治、物业服务与监督管理',
      policyAreas: ['社会治理'],
      proposedOn: '2025-03-20',
    },
  },
  implementsLink('property.link', 'cc-party-group', 'property', 'propertyDecision'),
];
