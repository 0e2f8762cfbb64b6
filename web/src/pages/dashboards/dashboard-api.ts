/** The dashboards' API: one GET per chart, the same table drawn, shown and downloaded. */
import { Api, Label, Labels } from '../../api';
import { Lang } from '../../i18n';

export const CHARTS = [
  'adoption',
  'timeliness',
  'overdue',
  'stages',
  'flow',
  'lag',
  'divergences',
  'inquiries',
] as const;
export type ChartName = (typeof CHARTS)[number];

export interface DashboardColumn {
  key: string;
  zh: string;
  en: string;
  labels?: string[];
}

export type DashboardRow = Record<string, string | number | null>;

export interface DashboardAnswer {
  chart: string;
  asOf: { at: number | null; today: string };
  ignoredFilters: string[];
  columns: DashboardColumn[];
  rows: DashboardRow[];
  summary?: Record<
    string,
    | {
        answered?: number;
        onTime?: number;
        onTimeShare?: number | null;
        open?: number;
        overdue?: number;
      }
    | string
  >;
  names?: Record<string, Label>;
}

export interface DashboardFilters {
  level?: string;
  regionCode?: string;
  year?: number;
  category?: string;
  asOf?: string;
  groupBy?: string;
}

export function queryOf(filters: DashboardFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function fetchChart(
  api: Api,
  chart: ChartName,
  filters: DashboardFilters,
): Promise<DashboardAnswer> {
  return api.get<DashboardAnswer>(`/api/dashboards/${chart}${queryOf(filters)}`);
}

/** A value as the API names it: a label table of /api/labels, or an organisation's name. */
export function valueText(
  column: DashboardColumn,
  value: string | number | null | undefined,
  answer: DashboardAnswer,
  labels: Labels,
  lang: Lang,
): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' && column.labels) {
    for (const table of column.labels) {
      const label = table === 'organisations' ? answer.names?.[value] : labels[table]?.[value];
      if (label) return label[lang];
    }
  }
  if (column.key === 'share' || column.key === 'adoptedShare') {
    return typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : String(value);
  }
  return String(value);
}

/** Downloads the chart's CSV (UTF-8 with BOM, from the API) with the signed-in token. */
export async function downloadCsv(
  token: string,
  chart: ChartName,
  filters: DashboardFilters,
  lang: Lang,
): Promise<void> {
  const response = await fetch(
    `/api/dashboards/${chart}${queryOf(filters, { format: 'csv', lang })}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `dashboard-${chart}.csv`;
  saveBlob(await response.blob(), name);
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
