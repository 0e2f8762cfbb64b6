import Database from 'better-sqlite3';
import { AnyConsultationEvent, ConsultationRound } from '../events/consultation-events';
import { RecordedEvent } from '../events/envelope';
import { ReadPolicy } from '../platform/access/readers';
import { Projection, idInStream, statement } from '../platform/kernel/projection';
import { replaceReaders } from '../platform/projections/readers-table';
import {
  SIMILARITY_THRESHOLD,
  jaccard,
  normalise,
  exactKey,
  minHashKeys,
  trigramHashes,
} from './opinion-similarity';

/**
 * The key table of contributors' personal data: NOT a read model. It is written by the intake
 * (a key per contributor, before the events that use it) and never rebuilt from the log, which
 * holds only sealed contacts; the opinions projection deletes a row when the log says the
 * contributor was erased (crypto-shredding). Declared here because that projection deletes from it.
 */
export const CONTRIBUTOR_KEYS_DDL = `CREATE TABLE IF NOT EXISTS contributor_keys (
  contributor_id TEXT PRIMARY KEY,
  key BLOB NOT NULL,
  contact_digest TEXT UNIQUE);
CREATE TABLE IF NOT EXISTS consultation_secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);`;

export interface ConsultationRow {
  consultation_id: string;
  legislature_id: string;
  subject: string;
  subject_ref: string | null;
  title: string;
  version: number;
  version_label: string;
  opens_at: string;
  closes_at: string;
  closed: number;
  opinions: number;
  publications: number;
  last_published_at: string | null;
  revision: number;
  updated_at: string;
}

export interface OpinionRow {
  opinion_id: string;
  seq: number;
  record_id: string;
  consultation_id: string;
  version: number;
  channel: string;
  office_id: string | null;
  contributor_id: string;
  tell_back_by_office: number;
  contact_sealed: string | null;
  text: string;
  article_ids: string;
  receipt_digest: string;
  cluster_id: string;
  submitted_at: string;
  draft_outcome: string | null;
  draft_reason: string | null;
  draft_article: string | null;
  draft_change: string | null;
  draft_seq: number | null;
  pub_outcome: string | null;
  pub_reason: string | null;
  pub_article: string | null;
  pub_change: string | null;
  pub_seq: number | null;
  published_at: string | null;
  told_back_at: string | null;
  told_back_means: string | null;
}

export interface ClusterRow {
  cluster_id: string;
  consultation_id: string;
  normalised: string;
  sample: string;
  size: number;
}

const CONSULTATIONS_DDL = `
CREATE TABLE IF NOT EXISTS rm_consultations (
  consultation_id TEXT PRIMARY KEY, legislature_id TEXT NOT NULL, subject TEXT NOT NULL,
  subject_ref TEXT, title TEXT NOT NULL, version INTEGER NOT NULL, version_label TEXT NOT NULL,
  opens_at TEXT NOT NULL, closes_at TEXT NOT NULL, closed INTEGER NOT NULL,
  opinions INTEGER NOT NULL DEFAULT 0, publications INTEGER NOT NULL DEFAULT 0,
  last_published_at TEXT, revision INTEGER NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rm_consultations_list ON rm_consultations (updated_at DESC, consultation_id);
CREATE TABLE IF NOT EXISTS rm_consultation_articles (
  consultation_id TEXT NOT NULL, version INTEGER NOT NULL, article_id TEXT NOT NULL,
  text TEXT NOT NULL, PRIMARY KEY (consultation_id, version, article_id));`;

const OPINIONS_DDL = `
CREATE TABLE IF NOT EXISTS rm_opinions (
  opinion_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, record_id TEXT NOT NULL,
  consultation_id TEXT NOT NULL, version INTEGER NOT NULL, channel TEXT NOT NULL, office_id TEXT,
  contributor_id TEXT NOT NULL, tell_back_by_office INTEGER NOT NULL, contact_sealed TEXT,
  text TEXT NOT NULL, article_ids TEXT NOT NULL, receipt_digest TEXT NOT NULL,
  cluster_id TEXT NOT NULL, submitted_at TEXT NOT NULL,
  draft_outcome TEXT, draft_reason TEXT, draft_article TEXT, draft_change TEXT, draft_seq INTEGER,
  pub_outcome TEXT, pub_reason TEXT, pub_article TEXT, pub_change TEXT, pub_seq INTEGER,
  published_at TEXT, told_back_at TEXT, told_back_means TEXT);
CREATE INDEX IF NOT EXISTS rm_opinions_consultation ON rm_opinions (consultation_id, seq);
CREATE UNIQUE INDEX IF NOT EXISTS rm_opinions_receipt ON rm_opinions (receipt_digest);
CREATE INDEX IF NOT EXISTS rm_opinions_cluster ON rm_opinions (cluster_id, seq);
CREATE INDEX IF NOT EXISTS rm_opinions_contributor ON rm_opinions (contributor_id);
CREATE INDEX IF NOT EXISTS rm_opinions_office ON rm_opinions (office_id, consultation_id, seq)
  WHERE office_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS rm_opinions_unpublished ON rm_opinions (consultation_id)
  WHERE draft_seq IS NOT NULL AND (pub_seq IS NULL OR draft_seq > pub_seq);
CREATE INDEX IF NOT EXISTS rm_opinions_noticeboard ON rm_opinions (consultation_id, pub_seq, opinion_id)
  WHERE pub_outcome IN ('adopted', 'partly_adopted');
CREATE TABLE IF NOT EXISTS rm_opinion_clusters (
  cluster_id TEXT PRIMARY KEY, consultation_id TEXT NOT NULL, normalised TEXT NOT NULL,
  sample TEXT NOT NULL, size INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS rm_opinion_clusters_size ON rm_opinion_clusters (consultation_id, size DESC, cluster_id);
-- Read whole per consultation into memory, never looked up by key: ordered by cluster (a new
-- cluster's keys sit together) rather than by its random keys; a key is unique per consultation.
CREATE TABLE IF NOT EXISTS rm_opinion_cluster_keys (
  consultation_id TEXT NOT NULL, cluster_id TEXT NOT NULL, key TEXT NOT NULL,
  PRIMARY KEY (consultation_id, cluster_id, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_consultation_article_stats (
  consultation_id TEXT NOT NULL, article_id TEXT NOT NULL, opinions INTEGER NOT NULL,
  adopted INTEGER NOT NULL DEFAULT 0, partly_adopted INTEGER NOT NULL DEFAULT 0,
  not_adopted INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (consultation_id, article_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_erased_contributors (contributor_id TEXT PRIMARY KEY);`;

/** Cluster keys kept in memory across consultations (about 100 bytes each) before starting over. */
const MAX_CACHED_CLUSTER_KEYS = 4_000_000;

const positionOf = (recorded: RecordedEvent) => Number(recorded.position.split('/')[0]);

function writeRound(db: Database.Database, consultationId: string, round: ConsultationRound) {
  const insert = statement(
    db,
    `INSERT OR REPLACE INTO rm_consultation_articles VALUES (?, ?, ?, ?)`,
  );
  for (const a of round.articles) insert.run(consultationId, round.version, a.articleId, a.text);
}

/** The consultations and the text of each round: public, readable by every signed-in caller. */
export const consultationsProjection = (
  policy: ReadPolicy<unknown>,
): Projection<AnyConsultationEvent> => ({
  name: 'consultations',
  version: 1,
  tables: ['rm_consultations', 'rm_consultation_articles'],
  recordTypes: [policy.recordType],
  handles: [
    'ConsultationOpened',
    'ConsultationRoundOpened',
    'ConsultationClosed',
    'DispositionsPublished',
  ],
  setUp: (db) => db.exec(CONSULTATIONS_DDL),
  apply(db, event, recorded) {
    const at = recorded.metadata.occurredAt;
    switch (event.type) {
      case 'ConsultationOpened': {
        const d = event.data;
        statement(
          db,
          `INSERT OR REPLACE INTO rm_consultations (consultation_id, legislature_id, subject,
             subject_ref, title, version, version_label, opens_at, closes_at, closed, revision,
             updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
        ).run(
          d.consultationId,
          d.legislatureId,
          d.subject,
          d.subjectRef,
          d.title,
          d.round.version,
          d.round.versionLabel,
          d.round.opensAt,
          d.round.closesAt,
          recorded.revision,
          at,
        );
        writeRound(db, d.consultationId, d.round);
        replaceReaders(db, policy.recordType, d.consultationId, policy.readers(null));
        return;
      }
      case 'ConsultationRoundOpened': {
        const { consultationId, round } = event.data;
        statement(
          db,
          `UPDATE rm_consultations SET version = ?, version_label = ?, opens_at = ?, closes_at = ?,
             closed = 0, revision = ?, updated_at = ? WHERE consultation_id = ?`,
        ).run(
          round.version,
          round.versionLabel,
          round.opensAt,
          round.closesAt,
          recorded.revision,
          at,
          consultationId,
        );
        writeRound(db, consultationId, round);
        return;
      }
      case 'ConsultationClosed':
        statement(
          db,
          `UPDATE rm_consultations SET closed = 1, revision = ?, updated_at = ? WHERE consultation_id = ?`,
        ).run(recorded.revision, at, event.data.consultationId);
        return;
      case 'DispositionsPublished':
        statement(
          db,
          `UPDATE rm_consultations SET publications = publications + 1, last_published_at = ?,
             revision = ?, updated_at = ? WHERE consultation_id = ?`,
        ).run(at, recorded.revision, at, event.data.consultationId);
        return;
      default:
        return;
    }
  },
});

/**
 * Opinions, their clusters, dispositions (draft and published), telling back, counts per
 * article, and erasure. Clusters are found here, deterministically in log order, so a rebuild
 * gives the same clusters; staff merges and splits are events applied in their place.
 */
export const consultationOpinionsProjection = (
  policy: ReadPolicy<{ legislatureId: string; officeId: string | null }>,
): Projection<AnyConsultationEvent> => {
  /** Opinions per article, added up during a batch and written once in `flush`. */
  const articleCounts = new Map<string, number>();
  /** Cluster sizes changed during the batch. */
  const clusterGrowth = new Map<string, number>();
  /** Trigram sets of clusters' first opinions, kept across batches (bounded). */
  const gramsOf = new Map<string, Set<number>>();
  /**
   * Per read database and consultation, rm_opinion_cluster_keys as a map from key to cluster:
   * read once, then kept in step with every write to the table, so placing an opinion reads no
   * rows (five lookups an opinion otherwise, most of them misses). Emptied with the tables
   * (`setUp`), and bounded; a batch that fails stops the projection, and a restart reads the
   * table again.
   */
  const clusterKeys = new WeakMap<
    Database.Database,
    { byConsultation: Map<string, Map<string, string>>; count: number }
  >();

  const keysOf = (db: Database.Database, consultationId: string) => {
    let cache = clusterKeys.get(db);
    if (!cache) clusterKeys.set(db, (cache = { byConsultation: new Map(), count: 0 }));
    let keys = cache.byConsultation.get(consultationId);
    if (!keys) {
      if (cache.count > MAX_CACHED_CLUSTER_KEYS) {
        cache.byConsultation.clear();
        cache.count = 0;
      }
      const rows = statement<[string], { key: string; cluster_id: string }>(
        db,
        `SELECT key, cluster_id FROM rm_opinion_cluster_keys WHERE consultation_id = ?`,
      ).all(consultationId);
      keys = new Map(rows.map((r) => [r.key, r.cluster_id]));
      cache.byConsultation.set(consultationId, keys);
      cache.count += keys.size;
    }
    return keys;
  };
  const readersDone = new Set<string>();
  let shredded = false;

  const clusterFor = (
    db: Database.Database,
    consultationId: string,
    opinionId: string,
    text: string,
  ) => {
    const normalised = normalise(text);
    const known = keysOf(db, consultationId);
    const exact = exactKey(normalised);
    const identical = known.get(exact);
    if (identical) return identical;
    // Not an identical text: its trigrams, and the clusters sharing a MinHash minimum with it.
    const grams = trigramHashes(normalised);
    const nearKeys = minHashKeys(grams);
    let best: string | null = null;
    let bestScore = SIMILARITY_THRESHOLD;
    for (const key of nearKeys) {
      const candidate = known.get(key);
      if (!candidate || candidate === best) continue;
      let candidateGrams = gramsOf.get(candidate);
      if (!candidateGrams) {
        const row = statement<[string], { normalised: string }>(
          db,
          `SELECT normalised FROM rm_opinion_clusters WHERE cluster_id = ?`,
        ).get(candidate);
        if (!row) continue;
        candidateGrams = trigramHashes(row.normalised);
        if (gramsOf.size > 20_000) gramsOf.clear();
        gramsOf.set(candidate, candidateGrams);
      }
      const score = jaccard(grams, candidateGrams);
      if (score >= bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    if (best) return best;
    // A new cluster, named by its first opinion, found again by any of its keys.
    statement(db, `INSERT INTO rm_opinion_clusters VALUES (?, ?, ?, ?, 0)`).run(
      opinionId,
      consultationId,
      normalised,
      text.slice(0, 500),
    );
    const insertKey = statement(db, `INSERT INTO rm_opinion_cluster_keys VALUES (?, ?, ?)`);
    for (const key of [exact, ...nearKeys]) {
      // A key stays with the cluster that had it first.
      if (known.has(key)) continue;
      insertKey.run(consultationId, opinionId, key);
      known.set(key, opinionId);
      clusterKeys.get(db)!.count += 1;
    }
    if (gramsOf.size > 20_000) gramsOf.clear();
    gramsOf.set(opinionId, grams);
    return opinionId;
  };

  const flushClusters = (db: Database.Database) => {
    const grow = statement(
      db,
      `UPDATE rm_opinion_clusters SET size = size + ? WHERE cluster_id = ?`,
    );
    for (const [clusterId, n] of clusterGrowth) grow.run(n, clusterId);
    clusterGrowth.clear();
  };

  const recount = (db: Database.Database, clusterIds: string[]) => {
    flushClusters(db);
    for (const id of clusterIds) {
      statement(
        db,
        `UPDATE rm_opinion_clusters SET size = (SELECT COUNT(*) FROM rm_opinions WHERE cluster_id = @id)
           WHERE cluster_id = @id`,
      ).run({ id });
    }
  };

  return {
    name: 'consultation-opinions',
    // 2: cluster keys ordered by cluster, not by key (placing an opinion reads them from memory),
    // so a new cluster's five random keys no longer dirty five pages of the table.
    version: 2,
    tables: [
      'rm_opinions',
      'rm_opinion_clusters',
      'rm_opinion_cluster_keys',
      'rm_consultation_article_stats',
      'rm_erased_contributors',
    ],
    recordTypes: [policy.recordType],
    handles: [
      'OpinionSubmitted',
      'OpinionDispositionDrafted',
      'OpinionToldBack',
      'DispositionsPublished',
      'ClustersMerged',
      'ClusterSplit',
      'ContributorErased',
    ],
    setUp(db) {
      // A reset emptied the tables: what was kept of them goes too.
      clusterKeys.delete(db);
      gramsOf.clear();
      db.exec(OPINIONS_DDL);
      db.exec(CONTRIBUTOR_KEYS_DDL);
      // Deleted key rows are overwritten, not just unlinked, in the file (crypto-shredding).
      db.pragma('secure_delete = ON');
    },
    apply(db, event, recorded) {
      const seq = positionOf(recorded);
      const at = recorded.metadata.occurredAt;
      const recordId = idInStream('consultation_record', recorded.streamId);
      if (recordId && !readersDone.has(recordId)) {
        // A record's readers follow from any of its events: written once per record and batch,
        // not once per opinion.
        readersDone.add(recordId);
        const d = event.data as { legislatureId: string; officeId?: string | null };
        replaceReaders(
          db,
          policy.recordType,
          recordId,
          policy.readers({ legislatureId: d.legislatureId, officeId: d.officeId ?? null }),
        );
      }
      switch (event.type) {
        case 'OpinionSubmitted': {
          const d = event.data;
          const clusterId = clusterFor(db, d.consultationId, d.opinionId, d.text);
          clusterGrowth.set(clusterId, (clusterGrowth.get(clusterId) ?? 0) + 1);
          statement(
            db,
            `INSERT OR IGNORE INTO rm_opinions (opinion_id, seq, record_id, consultation_id, version,
               channel, office_id, contributor_id, tell_back_by_office, contact_sealed, text,
               article_ids, receipt_digest, cluster_id, submitted_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            d.opinionId,
            seq,
            recordId,
            d.consultationId,
            d.version,
            d.channel,
            d.officeId,
            d.contributorId,
            d.tellBackByOffice ? 1 : 0,
            d.contact ? JSON.stringify(d.contact) : null,
            d.text,
            JSON.stringify(d.articleIds),
            d.receiptDigest,
            clusterId,
            at,
          );
          for (const articleId of d.articleIds) {
            const key = `${d.consultationId}\u0000${articleId}`;
            articleCounts.set(key, (articleCounts.get(key) ?? 0) + 1);
          }
          return;
        }
        case 'OpinionDispositionDrafted': {
          const d = event.data;
          statement(
            db,
            `UPDATE rm_opinions SET draft_outcome = ?, draft_reason = ?, draft_article = ?,
               draft_change = ?, draft_seq = ? WHERE opinion_id = ?`,
          ).run(d.outcome, d.reason, d.resultingArticleId, d.textChange, seq, d.opinionId);
          return;
        }
        case 'DispositionsPublished': {
          const id = event.data.consultationId;
          statement(
            db,
            `UPDATE rm_opinions SET pub_outcome = draft_outcome, pub_reason = draft_reason,
               pub_article = draft_article, pub_change = draft_change, pub_seq = ?, published_at = ?
             WHERE consultation_id = ? AND draft_seq IS NOT NULL AND (pub_seq IS NULL OR draft_seq > pub_seq)`,
          ).run(seq, at, id);
          // Adoption counts per article, of published dispositions.
          flushArticleCounts(db);
          statement(
            db,
            `UPDATE rm_consultation_article_stats SET adopted = 0, partly_adopted = 0, not_adopted = 0
               WHERE consultation_id = ?`,
          ).run(id);
          statement(
            db,
            `UPDATE rm_consultation_article_stats AS s SET
               adopted = c.adopted, partly_adopted = c.partly, not_adopted = c.not_adopted
             FROM (SELECT j.value AS article_id,
                     SUM(o.pub_outcome = 'adopted') AS adopted,
                     SUM(o.pub_outcome = 'partly_adopted') AS partly,
                     SUM(o.pub_outcome = 'not_adopted') AS not_adopted
                   FROM rm_opinions o, json_each(o.article_ids) j
                   WHERE o.consultation_id = ? AND o.pub_outcome IS NOT NULL
                   GROUP BY j.value) AS c
             WHERE s.consultation_id = ? AND s.article_id = c.article_id`,
          ).run(id, id);
          return;
        }
        case 'OpinionToldBack':
          statement(
            db,
            `UPDATE rm_opinions SET told_back_at = ?, told_back_means = ? WHERE opinion_id = ?`,
          ).run(at, event.data.means, event.data.opinionId);
          return;
        case 'ClustersMerged': {
          const { clusterId, mergedClusterIds } = event.data;
          flushClusters(db);
          for (const merged of mergedClusterIds) {
            statement(db, `UPDATE rm_opinions SET cluster_id = ? WHERE cluster_id = ?`).run(
              clusterId,
              merged,
            );
            statement(
              db,
              `UPDATE rm_opinion_cluster_keys SET cluster_id = ? WHERE consultation_id = ? AND cluster_id = ?`,
            ).run(clusterId, event.data.consultationId, merged);
            const known = clusterKeys.get(db)?.byConsultation.get(event.data.consultationId);
            if (known) for (const [key, id] of known) if (id === merged) known.set(key, clusterId);
            statement(db, `DELETE FROM rm_opinion_clusters WHERE cluster_id = ?`).run(merged);
            gramsOf.delete(merged);
          }
          recount(db, [clusterId]);
          return;
        }
        case 'ClusterSplit': {
          const d = event.data;
          const first = statement<[string], { text: string }>(
            db,
            `SELECT text FROM rm_opinions WHERE opinion_id = ?`,
          ).get(d.newClusterId);
          statement(db, `INSERT OR REPLACE INTO rm_opinion_clusters VALUES (?, ?, ?, ?, 0)`).run(
            d.newClusterId,
            d.consultationId,
            normalise(first?.text ?? ''),
            (first?.text ?? '').slice(0, 500),
          );
          const move = statement(db, `UPDATE rm_opinions SET cluster_id = ? WHERE opinion_id = ?`);
          for (const id of d.opinionIds) move.run(d.newClusterId, id);
          recount(db, [d.clusterId, d.newClusterId]);
          return;
        }
        case 'ContributorErased': {
          const id = event.data.contributorId;
          statement(db, `INSERT OR IGNORE INTO rm_erased_contributors VALUES (?)`).run(id);
          statement(
            db,
            `UPDATE rm_opinions SET contact_sealed = NULL WHERE contributor_id = ?`,
          ).run(id);
          statement(db, `DELETE FROM contributor_keys WHERE contributor_id = ?`).run(id);
          shredded = true;
          return;
        }
        default:
          return;
      }
    },
    flush(db) {
      flushArticleCounts(db);
      flushClusters(db);
      readersDone.clear();
      if (shredded) {
        shredded = false;
        // After this transaction commits, move the WAL into the file and empty it, so no old
        // copy of a deleted key stays in the WAL (best effort: a busy reader defers it).
        setImmediate(() => {
          try {
            if (db.open && !db.inTransaction) db.pragma('wal_checkpoint(TRUNCATE)');
          } catch {
            // The next checkpoint overwrites it.
          }
        });
      }
    },
  };

  function flushArticleCounts(db: Database.Database) {
    const upsert = statement(
      db,
      `INSERT INTO rm_consultation_article_stats (consultation_id, article_id, opinions) VALUES (?, ?, ?)
         ON CONFLICT (consultation_id, article_id) DO UPDATE SET opinions = opinions + excluded.opinions`,
    );
    for (const [key, n] of articleCounts) {
      const [consultationId, articleId] = key.split('\u0000');
      upsert.run(consultationId, articleId, n);
    }
    articleCounts.clear();
  }
};
