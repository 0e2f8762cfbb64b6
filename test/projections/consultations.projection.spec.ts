import { randomUUID } from 'node:crypto';
import { Actor } from '../../src/events/envelope';
import { OpinionSubmittedV1 } from '../../src/events/consultation-events';
import { ClusterRow, OpinionRow } from '../../src/projections/consultations.projection';
import { jaccard, normalise, trigramHashes } from '../../src/projections/opinion-similarity';
import { ProjectionRunner } from '../../src/platform/projections/projection-runner';
import { LogFixture, registry, snapshot } from '../support/projection-fixture';

const drafter: Actor = { userId: 'fgw', organisationId: 'cn-220000-npc-fgw', role: 'legislature' };
const staff: Actor = { userId: 'staff', organisationId: 'cn-220100-lloo', role: 'outreach' };
const C = '11111111-1111-4111-8111-111111111111';
const LEGISLATURE = 'cn-220000-npcpg';
const AT = '2025-03-10T02:00:00.000Z';

const TEXTS = [
  '建议第十二条第二款增加业主大会的表决期限。',
  '建议第十二条第二款增加业主大会的表决期限！', // punctuation only
  '建议 第十二条第二款 增加业主大会的表决期限', // spacing only
  '建议第十二条第二款增加业主大会的表决期限，以免久拖不决。', // near-identical
  '第一条立法目的应写明保护业主权益。',
  '第一条立法目的应写明保护业主权益',
  '物业服务收费标准应当公开。',
];

describe('opinion similarity', () => {
  it('normalises width, case, spacing and punctuation away', () => {
    expect(normalise('ＡＢＣ，a b\tc！')).toBe('abcabc');
  });

  it('near-identical texts are similar, different ones are not', () => {
    const grams = TEXTS.map((t) => trigramHashes(normalise(t)));
    expect(jaccard(grams[0], grams[1])).toBe(1);
    expect(jaccard(grams[0], grams[3])).toBeGreaterThanOrEqual(0.7);
    expect(jaccard(grams[0], grams[4])).toBeLessThan(0.1);
  });

  it('a trigram is hashed as FNV-1a of its three characters, a surrogate pair being one', () => {
    // FNV-1a of a string's UTF-16 units, over each run of three characters as Array.from cuts them.
    const fnv = (s: string) => {
      let hash = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) hash = Math.imul(hash ^ s.charCodeAt(i), 0x01000193);
      return hash >>> 0;
    };
    const reference = (text: string) => {
      const chars = Array.from(text);
      if (chars.length < 3) return new Set([fnv(text)]);
      return new Set(chars.slice(2).map((_, i) => fnv(chars[i] + chars[i + 1] + chars[i + 2])));
    };
    for (const text of [...TEXTS.map(normalise), '𠮷野家𠮷野', 'a\ud800bc\udc00d', '𠮷', 'ab', ''])
      expect(trigramHashes(text)).toEqual(reference(text));
  });
});

/** Consultation C opened on a draft of these articles. */
const openConsultation = (log: LogFixture, articleIds: string[]) =>
  log.append(
    `consultation-${C}`,
    'ConsultationOpened',
    {
      consultationId: C,
      legislatureId: LEGISLATURE,
      subject: 'draft',
      subjectRef: null,
      title: '草案',
      round: {
        version: 1,
        versionLabel: '一审稿',
        articles: articleIds.map((articleId, i) => ({ articleId, text: '一二'[i] })),
        opensAt: AT,
        closesAt: '2025-04-10T00:00:00.000Z',
      },
    },
    AT,
    drafter,
  );

describe('consultation opinions projection', () => {
  let log: LogFixture;
  const record = randomUUID();
  const ids = TEXTS.map(() => randomUUID());

  beforeAll(async () => {
    log = new LogFixture();
    await openConsultation(log, ['art_1', 'art_12/para_2']);
    for (const [i, text] of TEXTS.entries()) {
      const data: OpinionSubmittedV1 = {
        opinionId: ids[i],
        consultationId: C,
        legislatureId: LEGISLATURE,
        version: 1,
        channel: 'symposium',
        officeId: 'cn-220100-lloo',
        contributorId: i < 2 ? 'p0' : `p${i}`,
        tellBackByOffice: i === 0,
        contact: { iv: 'iv', ciphertext: `ct${i}`, tag: 'tag' },
        text,
        articleIds: i < 4 ? ['art_12/para_2'] : ['art_1'],
        receiptDigest: `digest-${i}`,
      };
      await log.append(`consultation_record-${record}`, 'OpinionSubmitted', data, AT, staff);
    }
    const sheet = randomUUID();
    const dispose = (opinionId: string, outcome: string, at = AT) =>
      log.append(
        `consultation_record-${sheet}`,
        'OpinionDispositionDrafted',
        {
          opinionId,
          consultationId: C,
          legislatureId: LEGISLATURE,
          clusterId: null,
          outcome,
          reason: '理由',
          resultingArticleId: outcome === 'not_adopted' ? null : 'art_12/para_2',
          textChange: null,
        },
        at,
        drafter,
      );
    await dispose(ids[0], 'adopted');
    await dispose(ids[4], 'not_adopted');
    await log.append(
      `consultation-${C}`,
      'DispositionsPublished',
      { consultationId: C },
      AT,
      drafter,
    );
    // A later draft stays internal: the published disposition is the one before it.
    await dispose(ids[0], 'not_adopted');
    await log.append(`contributor-p0`, 'ContributorErased', { contributorId: 'p0' }, AT, staff);
  });
  afterAll(() => log.close());

  it('clusters identical and near-identical opinions, named by their first opinion', async () => {
    const db = await log.rebuild('consultation-opinions');
    const clusters = snapshot(db, 'rm_opinion_clusters') as unknown as ClusterRow[];
    const sizes = Object.fromEntries(clusters.map((c) => [c.cluster_id, c.size]));
    expect(sizes).toEqual({ [ids[0]]: 4, [ids[4]]: 2, [ids[6]]: 1 });
    const opinions = snapshot(db, 'rm_opinions') as unknown as OpinionRow[];
    expect(opinions.find((o) => o.opinion_id === ids[3])!.cluster_id).toBe(ids[0]);
  });

  it('a rebuild in pages of one event gives the same rows as one page', async () => {
    const whole = await log.rebuild('consultation-opinions');
    const tables = [
      'rm_opinions',
      'rm_opinion_clusters',
      'rm_opinion_cluster_keys',
      'rm_consultation_article_stats',
    ];
    const first = tables.map((t) => snapshot(whole, t));
    const paged = await log.rebuild('consultation-opinions', 1);
    expect(tables.map((t) => snapshot(paged, t))).toEqual(first);
  });

  it('publication copies the drafts before it; later drafts stay internal; counts per article', async () => {
    const db = await log.rebuild('consultation-opinions');
    const rows = snapshot(db, 'rm_opinions') as unknown as OpinionRow[];
    const first = rows.find((o) => o.opinion_id === ids[0])!;
    expect([first.pub_outcome, first.draft_outcome]).toEqual(['adopted', 'not_adopted']);
    expect(rows.filter((o) => o.pub_outcome !== null)).toHaveLength(2);
    expect(snapshot(db, 'rm_consultation_article_stats')).toEqual([
      {
        consultation_id: C,
        article_id: 'art_1',
        opinions: 3,
        adopted: 0,
        partly_adopted: 0,
        not_adopted: 1,
      },
      {
        consultation_id: C,
        article_id: 'art_12/para_2',
        opinions: 4,
        adopted: 1,
        partly_adopted: 0,
        not_adopted: 0,
      },
    ]);
  });

  it('erasure drops the sealed contacts of the contributor from the read model', async () => {
    const db = await log.rebuild('consultation-opinions');
    const rows = snapshot(db, 'rm_opinions') as unknown as OpinionRow[];
    expect(rows.filter((o) => o.contact_sealed === null).map((o) => o.contributor_id)).toEqual([
      'p0',
      'p0',
    ]);
    expect(snapshot(db, 'rm_erased_contributors')).toEqual([{ contributor_id: 'p0' }]);
  });

  it('records are read by the legislature, its special committees and the collecting office', async () => {
    await log.rebuild('consultation-opinions');
    expect(log.readers('consultation_record').filter(([id]) => id === record)).toEqual([
      [record, 'org:cn-220000-npcpg', 'consulting'],
      [record, 'org:cn-220100-lloo', 'collected'],
      [record, 'part:cn-220000-npcpg:special_committee', 'consulting'],
    ]);
  });
});

describe('consultation opinions projection, started again mid-log', () => {
  let log: LogFixture;
  const [first, second, later] = [randomUUID(), randomUUID(), randomUUID()];
  const opinion = (opinionId: string, text: string): OpinionSubmittedV1 => ({
    opinionId,
    consultationId: C,
    legislatureId: LEGISLATURE,
    version: 1,
    channel: 'symposium',
    officeId: 'cn-220100-lloo',
    contributorId: `p-${opinionId}`,
    tellBackByOffice: false,
    contact: null,
    text,
    articleIds: ['art_1'],
    receiptDigest: `digest-${opinionId}`,
  });
  const submit = (data: OpinionSubmittedV1) =>
    log.append(`consultation_record-${randomUUID()}`, 'OpinionSubmitted', data, AT, staff);

  beforeAll(async () => {
    log = new LogFixture();
    await openConsultation(log, ['art_1']);
    await submit(opinion(first, TEXTS[0]));
    await submit(opinion(second, TEXTS[6]));
    await log.append(
      `consultation-${C}`,
      'ClustersMerged',
      { consultationId: C, clusterId: first, mergedClusterIds: [second] },
      AT,
      drafter,
    );
  });
  afterAll(() => log.close());

  it('reads its cluster keys back and places later opinions as one that ran through', async () => {
    // Projected up to the merge, then a new process (a new runner: the kept keys are dropped).
    const db = await log.rebuild('consultation-opinions');
    const position = await submit(opinion(later, TEXTS[6]));
    const restarted = new ProjectionRunner(log.store, db, registry.projections, registry.catalogue);
    restarted.start();
    expect(await restarted.waitFor(position, 10_000, ['consultation-opinions'])).toBe(true);
    await restarted.stop();
    // The merged cluster's keys now lead to the cluster it was merged into.
    const placed = snapshot(db, 'rm_opinions') as unknown as OpinionRow[];
    expect(placed.find((o) => o.opinion_id === later)!.cluster_id).toBe(first);
    const tables = ['rm_opinions', 'rm_opinion_clusters', 'rm_opinion_cluster_keys'];
    const afterRestart = tables.map((t) => snapshot(db, t));
    const whole = await log.rebuild('consultation-opinions');
    expect(tables.map((t) => snapshot(whole, t))).toEqual(afterRestart);
  });
});
