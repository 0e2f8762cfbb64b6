import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { SubmissionSummary } from '../api';
import { useI18n } from '../i18n';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** Submissions by status (the API's labels); the pattern the dashboards will follow. */
export default function StatusChart({ rows }: { rows: SubmissionSummary[] }) {
  const { t, label } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const counts = new Map<string, { name: string; n: number }>();
  for (const row of rows) {
    const entry = counts.get(row.status) ?? { name: label(row.statusLabel, row.status), n: 0 };
    entry.n += 1;
    counts.set(row.status, entry);
  }
  const data = [...counts.values()];
  const summary = data.map((d) => `${d.name}: ${d.n}`).join('; ');

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      tooltip: {},
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: data.map((d) => d.name) },
      yAxis: { type: 'value', name: t('count'), minInterval: 1 },
      series: [{ type: 'bar', data: data.map((d) => d.n), itemStyle: { color: '#a8071a' } }],
    });
    return () => chart.dispose();
  });

  return (
    <div
      ref={element}
      role="img"
      aria-label={`${t('showChart')}: ${summary}`}
      data-testid="status-chart"
      style={{ width: '100%', height: 240 }}
    />
  );
}
