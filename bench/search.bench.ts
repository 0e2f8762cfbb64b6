/**
 * Search at size: BENCH_SEARCH_RECORDS submissions (default 20,000) of Chinese text — a title of
 * ~20 characters and a body of ~BENCH_SEARCH_BODY characters (default 1,000) drawn from a pool of
 * legislative words — indexed through the search projection, with readers rows for two callers:
 * an office that reads every record, and a body that reads one in a hundred. Then the queries
 * the endpoint runs are timed (p50/p99) against a floor measured in the same run: the first page
 * of the same caller's readable records with no search at all.
 *
 *   npm run bench:search        BENCH_SEARCH_RECORDS=20000 BENCH_SEARCH_BODY=1000 BENCH_QUERY_RUNS=50
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordedEvent } from '../src/events/envelope';
import { ReadDatabase } from '../src/platform/event-store/read-database';
import { statement } from '../src/platform/kernel/projection';
import { readableBy, replaceReaders } from '../src/platform/projections/readers-table';
import { parseSearch } from '../src/modules/search/search-text';
import { searchProjection, searchRecords } from '../src/projections/search.projection';
import {
  describeMachine,
  envInt,
  formatMachine,
  formatMs,
  formatTable,
  median,
  percentile,
  timeQueries,
} from './bench-util';

const RECORDS = envInt('BENCH_SEARCH_RECORDS', 20_000);
const BODY = envInt('BENCH_SEARCH_BODY', 1000);
const RUNS = envInt('BENCH_QUERY_RUNS', 50);

const WORDS =
  '立法 条例 保护 黑土地 生态 环境 补偿 执法 主体 范围 标准 责任 监督 管理 规划 城市 农村 耕地 水源 湿地 森林 草原 大气 污染 防治 文明 行为 促进 养犬 物业 交通 安全 食品 药品 教育 医疗 养老 就业 社会 保障 营商 优化 数据 信息 公开 听证 论证 评估 审议 表决 公布 施行 修改 废止 决定 意见 请示 报告 党组 常委会 市委 省委 办公厅 研究 会议 纪要 事项 问题 制度 机制 程序 权利 义务 处罚 许可 登记 备案'.split(
    ' ',
  );

/** A deterministic generator, so every run indexes the same text. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

function text(next: () => number, chars: number): string {
  let out = '';
  while (out.length < chars) out += WORDS[Math.floor(next() * WORDS.length)];
  return out.slice(0, chars);
}

function time(runs: number, run: () => unknown): { p50: number; p99: number } {
  const { wall } = timeQueries(runs, () => (run(), 0));
  return { p50: median(wall), p99: percentile(wall, 99) };
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'legislink-search-bench-'));
  const read = new ReadDatabase(join(dir, 'read.sqlite'));
  const db = read.db;
  try {
    const projection = searchProjection();
    projection.setUp(db);
    db.exec(
      `CREATE TABLE IF NOT EXISTS readers (record_type TEXT NOT NULL, record_id TEXT NOT NULL,
         principal TEXT NOT NULL, reason TEXT NOT NULL,
         PRIMARY KEY (record_type, record_id, principal, reason)) WITHOUT ROWID;
       CREATE INDEX IF NOT EXISTS readers_by_principal ON readers (principal, record_type, reason, record_id);`,
    );
    const next = random(42);
    const started = Date.now();
    const batch = 500;
    for (let from = 0; from < RECORDS; from += batch) {
      db.transaction(() => {
        for (let i = from; i < Math.min(RECORDS, from + batch); i++) {
          const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
          const at = new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString();
          const recorded = {
            streamId: `submission-${id}`,
            metadata: { occurredAt: at },
          } as unknown as RecordedEvent;
          projection.apply(
            db,
            {
              type: 'SubmissionDrafted',
              data: {
                title: `关于${text(next, 16)}的请示`,
                summary: text(next, 100),
                body: text(next, BODY),
                documentNumber: `吉人党字〔${2020 + (i % 6)}〕${i}号`,
                classification: 'internal',
              },
            } as never,
            recorded,
          );
          replaceReaders(
            db,
            'submission',
            id,
            [
              { principal: 'org:office', reason: 'addressee' },
              ...(i % 100 === 0 ? [{ principal: 'org:body', reason: 'submitter' }] : []),
            ],
            true,
          );
        }
        projection.flush!(db);
      })();
    }
    const indexSeconds = (Date.now() - started) / 1000;

    // A list page of the same readable records, sorted the same way, with no text matched.
    const floorSql = `SELECT s.* FROM (SELECT s.rowid AS hit FROM search_records s
      WHERE s.kind = 'submission' AND ${readableBy('submission', 's.record_id')}
      ORDER BY s.recorded_at DESC, s.record_id LIMIT 21) page
      JOIN search_records s ON s.rowid = page.hit`;
    const rows: string[][] = [];
    for (const principal of ['org:office', 'org:body']) {
      const params = { principals: JSON.stringify([principal]), reasons: null };
      const floor = time(RUNS, () =>
        statement<[Record<string, unknown>], unknown>(db, floorSql).all(params),
      );
      rows.push([
        principal,
        '(floor: first page, no search)',
        '—',
        formatMs(floor.p50),
        formatMs(floor.p99),
        '1.0',
      ]);
      for (const q of [
        '黑土地',
        '执法主体',
        '补偿 标准',
        '立法',
        '法',
        '〔2021',
        '〔2',
        '不存在的词',
      ]) {
        const parsed = parseSearch(q);
        let hits = 0;
        const run = () =>
          (hits = searchRecords(db, {
            ...params,
            match: parsed.match,
            bigrams: parsed.bigrams,
            short: JSON.stringify(parsed.short),
            terms: JSON.stringify(parsed.terms),
            kind: null,
            after: null,
            k0: null,
            k1: null,
            k2: null,
            k3: null,
            limit: 21,
          }).length);
        const timed = time(RUNS, run);
        rows.push([
          principal,
          q,
          String(hits),
          formatMs(timed.p50),
          formatMs(timed.p99),
          (timed.p50 / floor.p50).toFixed(1),
        ]);
      }
    }
    console.log(formatMachine(describeMachine(__dirname)));
    console.log(
      `load average: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      `${RECORDS} submissions, ~${BODY}-character bodies: indexed in ${indexSeconds.toFixed(1)} s ` +
        `(${Math.round(RECORDS / indexSeconds)} records/s); ${RUNS} runs per query`,
    );
    console.log(
      formatTable(['caller reads', 'query', 'hits (page)', 'p50', 'p99', 'p50 / floor'], rows),
    );
  } finally {
    read.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
