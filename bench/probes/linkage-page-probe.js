// A one-off probe from the counters work of issue 8 (BENCHMARKS.md), kept to reproduce its
// figures; not part of the build. Where a page of the linkage view spends its CPU, statement by
// statement, on a database `BENCH_KEEP=1 npm run bench:linkage` kept:
//   node bench/probes/linkage-page-probe.js "$PWD/dist" /tmp/legislink-linkage-bench-…/legislink.sqlite
const [dist, file] = process.argv.slice(2);
const { ReadDatabase } = require(dist + '/src/platform/event-store/read-database');
const sql = require(dist + '/src/modules/linkage/linkage.sql');
const { readerParams } = require(dist + '/src/platform/projections/readers-table');
const { statement } = require(dist + '/src/platform/kernel/projection');
const RUNS = Number(process.env.RUNS || 200);
const LIMIT = Number(process.env.LIMIT || 50);
const read = new ReadDatabase(file);
const db = read.db;
const regionCode = (r) => (r === 0 ? '220000' : `22${String(r).padStart(2, '0')}00`);
const actor = (r) => ({
  userId: `office-${r}`,
  userName: '',
  roles: ['committee_office'],
  organisation: {
    organisationId: `cn-${regionCode(r)}-pco`,
    kind: 'committee_office',
    level: r === 0 ? 'province' : 'city',
    regionCode: regionCode(r),
    parentOrganisationId: `cn-${regionCode(r)}-pc`,
    reportsThrough: null,
  },
});
const { holds } = require(dist + '/src/projections/temporal-table');
const scanStatsSql = (asOf) => `WITH subjects(page_id, kind, subject_id) AS (
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
    FROM json_each(@pairs)),
  reached(page_id, submission_id) AS (
    SELECT DISTINCT x.page_id, ss.submission_id FROM subjects x
    JOIN lv_submission_subjects ss ON ss.subject_id = x.subject_id
      AND ss.subject_kind = x.kind AND ${holds('ss', asOf)})
  SELECT r.page_id, COUNT(*) AS submissions, COALESCE(SUM(s.points), 0) AS points,
    COALESCE(SUM(s.adopted), 0) AS adopted, COALESCE(SUM(s.partly_adopted), 0) AS partly_adopted,
    COALESCE(SUM(s.not_adopted), 0) AS not_adopted
  FROM reached r JOIN lv_submissions s ${asOf ? '' : 'INDEXED BY lv_submissions_now'}
    ON s.submission_id = r.submission_id AND ${holds('s', asOf)} AND s.submitted_at IS NOT NULL
  GROUP BY r.page_id`;
// As of a fraction of the log (AS_OF, default 0.5: the bench's middle).
const mid = Math.floor(
  db.prepare('SELECT MAX(valid_from) AS at FROM lv_submissions').get().at *
    Number(process.env.AS_OF || 0.5),
);
for (const asOf of [false, true]) {
  const cpu = {};
  const time = (name, run) => {
    const before = process.cpuUsage();
    const result = run();
    const used = process.cpuUsage(before);
    cpu[name] = (cpu[name] ?? 0) + (used.user + used.system) / 1000;
    return result;
  };
  for (let n = 0; n < RUNS; n++) {
    const params = {
      ...readerParams(actor(n % 10)),
      at: asOf ? mid : null,
      today: '2025-06-01',
      stalledDays: 180,
      unlinkedDays: 90,
    };
    const rows = time('list (decisions of the page, own flags)', () =>
      statement(db, sql.decisionListSql(asOf, 'decidedOn', true)).all({
        ...params,
        level: null,
        regionCode: null,
        year: null,
        policyArea: null,
        stage: null,
        flag: null,
        after: null,
        k0: null,
        k1: null,
        limit: LIMIT + 1,
      }),
    );
    const ids = JSON.stringify(rows.map((r) => r.decision_id));
    const items = time('items carrying them out, with flags', () =>
      statement(db, sql.pageDecisionItemsSql(asOf)).all({ ...params, ids }),
    );
    time('counters', () =>
      statement(db, sql.pageDecisionCountersSql(asOf)).all({ ...params, ids }),
    );
    // The same counters as the page summed them before the projection kept them.
    const pairs = JSON.stringify([
      ...rows.map((r) => [r.decision_id, 'decision', r.decision_id]),
      ...items.map((i) => [i.page_id, 'item', i.item_id]),
    ]);
    time('(before: counters summed over submissions)', () =>
      statement(db, scanStatsSql(asOf)).all({ ...params, pairs }),
    );
    const itemIds = JSON.stringify(items.map((i) => i.item_id));
    time('inquiries', () => statement(db, sql.inquiriesSql(asOf)).all({ ...params, ids: itemIds }));
    time('assessments', () => statement(db, sql.assessmentsSql(asOf)).all({ ...params, ids }));
  }
  process.stdout.write(`\n${asOf ? `as of ${mid}` : 'live'}, page of ${LIMIT}, CPU ms per page:\n`);
  for (const [name, ms] of Object.entries(cpu)) {
    process.stdout.write(`  ${name.padEnd(42)} ${(ms / RUNS).toFixed(2)}\n`);
  }
}
read.close();
