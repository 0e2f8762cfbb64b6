/**
 * The web UI's first-page weight: the gzipped JavaScript a browser loads for the first page
 * (the entry chunk and every chunk it imports statically, from Vite's manifest), and the chunks
 * loaded only on demand (ECharts among them). Budget: < 600 KB gzipped, ECharts not in it.
 *
 *   npm run bench:web-size     builds the UI if stale, prints a table and a JSON line
 *
 * WEB_ROOT (default ./web/dist) names the build to measure. Exits 1 over the budget.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIRST_PAGE_BUDGET_BYTES = 600 * 1024;

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface WebSize {
  firstPage: ChunkSize[];
  firstPageGzipBytes: number;
  lazy: ChunkSize[];
  lazyGzipBytes: number;
  /** Whether any first-page chunk holds ECharts code. */
  echartsInFirstPage: boolean;
  /** The lazy chunks that hold ECharts code. */
  echartsChunks: string[];
}

const ECHARTS_MARK = /echarts|zrender/i;

/** Measures a build (web/dist): what the first page loads, and what is left for later. */
export function measureWebBuild(dist: string): WebSize {
  const manifestPath = join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestPath))
    throw new Error(`no Vite manifest at ${manifestPath}: build first`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entry) throw new Error('the manifest has no entry');

  const first = new Set<string>();
  const visit = (key: string) => {
    if (first.has(key)) return;
    first.add(key);
    for (const next of manifest[key].imports ?? []) visit(next);
  };
  visit(entry);

  const size = (key: string): ChunkSize => {
    const content = readFileSync(join(dist, manifest[key].file));
    return { file: manifest[key].file, bytes: content.length, gzipBytes: gzipSync(content).length };
  };
  const isJs = (key: string) => manifest[key].file.endsWith('.js');
  const holdsEcharts = (key: string) =>
    ECHARTS_MARK.test(key) ||
    // Source paths of a chunk's modules are not kept in the file; the library's own banner
    // strings are, e.g. the renderer's and the version's names.
    /\bzrender\b|echarts\/|ECharts/.test(readFileSync(join(dist, manifest[key].file), 'utf8'));

  const firstPage = [...first].filter(isJs).map(size);
  const lazyKeys = Object.keys(manifest).filter((k) => !first.has(k) && isJs(k));
  const lazy = lazyKeys.map(size);
  const sum = (chunks: ChunkSize[]) => chunks.reduce((n, c) => n + c.gzipBytes, 0);
  return {
    firstPage,
    firstPageGzipBytes: sum(firstPage),
    lazy,
    lazyGzipBytes: sum(lazy),
    echartsInFirstPage: [...first].filter(isJs).some(holdsEcharts),
    echartsChunks: lazyKeys.filter(holdsEcharts).map((k) => manifest[k].file),
  };
}

function main(): void {
  const dist = resolve(process.env.WEB_ROOT ?? 'web/dist');
  const result = measureWebBuild(dist);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const c of result.firstPage)
    process.stdout.write(`first page  ${c.file}  ${kb(c.bytes)}  gzip ${kb(c.gzipBytes)}\n`);
  for (const c of result.lazy)
    process.stdout.write(`on demand   ${c.file}  ${kb(c.bytes)}  gzip ${kb(c.gzipBytes)}\n`);
  process.stdout.write(
    `first page: ${kb(result.firstPageGzipBytes)} gzipped JS (budget ${kb(FIRST_PAGE_BUDGET_BYTES)}); ` +
      `on demand: ${kb(result.lazyGzipBytes)}; ECharts in the first page: ${result.echartsInFirstPage}\n`,
  );
  process.stdout.write(
    `${JSON.stringify({
      firstPageGzipBytes: result.firstPageGzipBytes,
      lazyGzipBytes: result.lazyGzipBytes,
      echartsInFirstPage: result.echartsInFirstPage,
      echartsChunks: result.echartsChunks,
    })}\n`,
  );
  if (result.firstPageGzipBytes >= FIRST_PAGE_BUDGET_BYTES || result.echartsInFirstPage)
    process.exit(1);
}

if (require.main === module) main();
