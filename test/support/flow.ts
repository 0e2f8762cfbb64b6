import { TestApp } from './test-app';

export const DRAFT = {
  kind: 'request',
  category: 'major_issue',
  title: '关于《吉林省黑土地保护条例（草案）》有关重大问题的请示',
  summary: 'Asks the Provincial Committee to settle the scope of compensation.',
  body: '一、关于补偿范围……二、关于执法主体……',
  documentNumber: '吉人党字〔2025〕3号',
  classification: 'confidential',
  addressedCommitteeId: 'cn-220000-pc',
};

/** Each step of the happy path, by the user who may take it. */
export const STEPS = {
  discuss: {
    user: 'jl-party-group',
    path: 'party-group-discussion',
    body: {
      meetingKind: 'party_group_meeting',
      meetingDate: '2025-03-07',
      minutesReference: '党组会议纪要〔2025〕5号',
    },
  },
  submit: { user: 'jl-party-group', path: 'submission', body: {} },
  receive: {
    user: 'jl-office',
    path: 'receipt',
    body: { officeLogNumber: '省委办收〔2025〕118号' },
  },
  meet: {
    user: 'jl-office',
    path: 'committee-meetings',
    body: { meetingKind: 'standing_committee_meeting', meetingDate: '2025-03-10' },
  },
  opinion: {
    user: 'jl-office',
    path: 'opinion',
    body: {
      documentNumber: '吉委办函〔2025〕21号',
      outcome: 'approved_with_opinions',
      points: [
        { number: 1, text: '进一步明确补偿标准' },
        { number: 2, text: '明确执法主体' },
      ],
    },
  },
} as const;

export type StepName = keyof typeof STEPS;

export async function draft(t: TestApp, body: object = DRAFT, user = 'jl-fgw'): Promise<string> {
  const response = await t.http.post('/api/submissions').set(t.as(user)).send(body).expect(201);
  return response.body.submissionId as string;
}

export async function step(t: TestApp, id: string, name: StepName, expected = 0): Promise<void> {
  const s = STEPS[name];
  const response = await t.http
    .post(`/api/submissions/${id}/${s.path}`)
    .set(t.as(s.user))
    .send(s.body);
  if (response.status >= 300 || (expected && response.status !== expected)) {
    throw new Error(`${name} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

/** Drafts a submission and takes it through `upTo` (inclusive) along the happy path. */
export async function submissionAt(t: TestApp, upTo: StepName | 'drafted'): Promise<string> {
  const id = await draft(t);
  if (upTo === 'drafted') return id;
  for (const name of Object.keys(STEPS) as StepName[]) {
    await step(t, id, name);
    if (name === upTo) break;
  }
  return id;
}

/** A legislative item of the Jilin Standing Committee, proposed by its working body. */
export const ITEM_PROPOSAL = {
  kind: 'local_regulation',
  title: '吉林省黑土地保护条例',
  summary: 'Protects black soil: scope, duties, compensation.',
  policyAreas: ['agriculture', 'environment'],
  proposedOn: '2025-01-06',
};

export async function proposeItem(
  t: TestApp,
  body: object = ITEM_PROPOSAL,
  user = 'jl-fgw',
): Promise<string> {
  const response = await t.http.post('/api/items').set(t.as(user)).send(body).expect(201);
  return response.body.itemId as string;
}

/**
 * A second legislature, at county level (农安县人大常委会党组), with its Party group's user
 * `county-party-group`: a legislature that is not Jilin Province's.
 */
export async function registerCountyLegislature(t: TestApp): Promise<void> {
  await t.http
    .post('/api/organisations')
    .set(t.as('admin'))
    .send({
      organisationId: 'cn-220122-npcpg',
      kind: 'standing_committee_party_group',
      level: 'county',
      regionCode: '220122',
      nameZh: '农安县人大常委会党组',
      nameEn: 'Party Group of the Nong’an County People’s Congress Standing Committee',
    })
    .expect(201);
  t.tokens['county-party-group'] = await t.token({
    userId: 'county-party-group',
    userName: '县人大常委会党组',
    organisationId: 'cn-220122-npcpg',
    roles: ['party_group', 'legislature'],
  });
}
