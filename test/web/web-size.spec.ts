import { join } from 'node:path';
import { FIRST_PAGE_BUDGET_BYTES, measureWebBuild } from '../../bench/web-size';
import { ensureWebBuild } from './service';

describe('The web UI’s size budget', () => {
  it('loads < 600 KB of gzipped JavaScript on the first page, ECharts only on demand', () => {
    ensureWebBuild();
    const size = measureWebBuild(join(__dirname, '../../web/dist'));
    expect(size.firstPageGzipBytes).toBeLessThan(FIRST_PAGE_BUDGET_BYTES);
    expect(size.echartsInFirstPage).toBe(false);
    expect(size.echartsChunks.length).toBeGreaterThan(0);
  }, 180_000);
});
