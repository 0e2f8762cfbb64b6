import { BarChart, SankeyChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { Labels } from '../api';
import { Lang } from '../i18n';
import {
  ChartName,
  DashboardAnswer,
  DashboardColumn,
  valueText,
} from '../pages/dashboards/dashboard-api';

echarts.use([
  BarChart,
  SankeyChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** Distinct colours with AA contrast against white where they carry text. */
const PALETTE = ['#a8071a', '#d46b08', '#237804', '#0050b3', '#531dab', '#595959', '#c41d7f'];

/** The charts on screen, by name, for the dashboard's PNG export. */
const shown = new Map<string, { chart: echarts.ECharts; title: string }>();

interface Props {
  name: ChartName;
  title: string;
  answer: DashboardAnswer;
  labels: Labels;
  lang: Lang;
}

/** How a chart's table is drawn: the column along the x axis and the one that makes series. */
const BARS: Partial<Record<ChartName, { x: string; series: string; stack: boolean }>> = {
  timeliness: { x: 'bucket', series: 'measure', stack: false },
  overdue: { x: 'bucket', series: 'measure', stack: false },
  lag: { x: 'bucket', series: 'measure', stack: false },
  stages: { x: 'stage', series: 'itemKind', stack: true },
  divergences: { x: 'state', series: 'step', stack: true },
  inquiries: { x: 'state', series: 'conclusion', stack: true },
};

function optionOf({ name, answer, labels, lang }: Props): echarts.EChartsCoreOption {
  const column = (key: string) =>
    answer.columns.find((c) => c.key === key) ?? ({ key, zh: key, en: key } as DashboardColumn);
  const text = (key: string, value: string | number | null) =>
    valueText(column(key), value, answer, labels, lang);
  if (name === 'flow') {
    const nodes = new Map<string, string>();
    const links = new Map<string, { source: string; target: string; value: number }>();
    const add = (source: string, target: string, value: number) => {
      const key = `${source}→${target}`;
      const link = links.get(key) ?? { source, target, value: 0 };
      link.value += value;
      links.set(key, link);
    };
    for (const row of answer.rows) {
      const decision = `d:${row.decisionKind}`;
      const item = `i:${row.itemKind}`;
      const stage = `s:${row.stage}`;
      nodes.set(decision, text('decisionKind', row.decisionKind));
      nodes.set(item, text('itemKind', row.itemKind));
      add(decision, item, Number(row.count));
      if (row.stage !== 'unlinked') {
        nodes.set(stage, text('stage', row.stage));
        add(item, stage, Number(row.count));
      }
    }
    return {
      color: PALETTE,
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 120,
          nodeAlign: 'left',
          data: [...nodes.keys()].map((id) => ({ name: id })),
          links: [...links.values()],
          label: { formatter: (p: { name: string }) => nodes.get(p.name) ?? p.name, color: '#000' },
          lineStyle: { color: 'gradient', opacity: 0.4 },
        },
      ],
    };
  }
  let xs: (string | number | null)[];
  let series: { name: string; data: number[] }[];
  let stack = true;
  if (name === 'adoption') {
    const x = answer.columns[0].key;
    xs = answer.rows.map((r) => r[x]);
    series = ['adopted', 'partly_adopted', 'not_adopted', 'pending'].map((key) => ({
      name: column(key)[lang],
      data: answer.rows.map((r) => Number(r[key] ?? 0)),
    }));
    return bars(
      answer.rows.map((r) => text(x, r[x])),
      series,
      stack,
    );
  }
  const spec = BARS[name]!;
  stack = spec.stack;
  xs = [...new Set(answer.rows.map((r) => r[spec.x]))];
  const names = [...new Set(answer.rows.map((r) => r[spec.series]))];
  series = names.map((s) => ({
    name: text(spec.series, s),
    data: xs.map((x) =>
      answer.rows
        .filter((r) => r[spec.x] === x && r[spec.series] === s)
        .reduce((sum, r) => sum + Number(r.count ?? 0), 0),
    ),
  }));
  return bars(
    xs.map((x) => text(spec.x, x)),
    series,
    stack,
  );
}

function bars(
  categories: string[],
  series: { name: string; data: number[] }[],
  stack: boolean,
): echarts.EChartsCoreOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: '#000' } },
    grid: { left: 48, right: 16, top: 40, bottom: 64 },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: { interval: 0, rotate: categories.length > 4 ? 20 : 0, color: '#000' },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#000' } },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: stack ? 'total' : undefined,
      data: s.data,
    })),
  };
}

/** One dashboard chart, drawn from the chart's table as the API gives it. */
export default function DashboardChart(props: Props) {
  const element = useRef<HTMLDivElement>(null);
  const { name, title, answer } = props;

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption(optionOf(props));
    shown.set(name, { chart, title });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      shown.delete(name);
      chart.dispose();
    };
  });

  const summary = answer.rows.length;
  return (
    <div
      ref={element}
      role="img"
      aria-label={`${title} (${summary})`}
      data-testid={`chart-${name}`}
      style={{ width: '100%', height: name === 'flow' ? 320 : 280 }}
    />
  );
}

/**
 * The dashboard as one PNG for a briefing: each chart on screen (ECharts `getDataURL`) under its
 * title, in the order given, on a white page headed by `heading`.
 */
export async function dashboardPng(order: readonly string[], heading: string): Promise<Blob> {
  const charts = order.map((name) => shown.get(name)).filter((c) => c !== undefined);
  const images = await Promise.all(
    charts.map(
      ({ chart }) =>
        new Promise<HTMLImageElement>((resolve, reject) => {
          const image = new Image();
          image.onload = () => resolve(image);
          image.onerror = reject;
          image.src = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
        }),
    ),
  );
  const width = Math.max(800, ...images.map((i) => i.width)) + 64;
  const titleHeight = 56;
  const height = 96 + images.reduce((sum, i) => sum + i.height + titleHeight, 0);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#000';
  const font = "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";
  context.font = `bold 40px ${font}`;
  context.fillText(heading, 32, 64);
  let y = 96;
  images.forEach((image, n) => {
    context.font = `bold 30px ${font}`;
    context.fillStyle = '#000';
    context.fillText(charts[n].title, 32, y + 38);
    context.drawImage(image, 32, y + titleHeight);
    y += image.height + titleHeight;
  });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
  );
}
