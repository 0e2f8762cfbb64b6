import { ExportLang } from '../linkage/linkage-export';
import { DashboardAnswer } from './dashboard-queries';
import { VALUE_LABELS } from './dashboards.labels';

/** RFC 4180 quoting; a leading = + - @ is neutralised so spreadsheets do not run it. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A chart's table as CSV rows (without the BOM): values by their labels, in the language asked. */
export function dashboardCsv(answer: DashboardAnswer, lang: ExportLang): string {
  const header = answer.columns.map((c) =>
    cell(lang === 'zh' ? c.zh : lang === 'en' ? c.en : `${c.zh} ${c.en}`),
  );
  const named = (tables: string[] | undefined, value: unknown): unknown => {
    if (!tables || typeof value !== 'string') return value;
    for (const table of tables) {
      const label =
        table === 'organisations' ? answer.names?.[value] : VALUE_LABELS[table]?.[value];
      if (label) return lang === 'en' ? label.en : label.zh;
    }
    return value;
  };
  const lines = answer.rows.map((row) =>
    answer.columns.map((c) => cell(named(c.labels, row[c.key]))).join(','),
  );
  return [header.join(','), ...lines].map((line) => `${line}\r\n`).join('');
}
