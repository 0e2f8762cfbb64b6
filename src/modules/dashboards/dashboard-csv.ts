import { ExportLang, csvLine, headerIn, labelIn } from '../../platform/http/csv';
import { DashboardAnswer } from './dashboard-queries';
import { VALUE_LABELS } from './dashboards.labels';

/** A chart's table as CSV rows (without the BOM): values by their labels, in the language asked. */
export function dashboardCsv(answer: DashboardAnswer, lang: ExportLang): string {
  const header = csvLine(answer.columns.map((c) => headerIn(c, lang)));
  const named = (tables: string[] | undefined, value: unknown): unknown => {
    if (!tables || typeof value !== 'string') return value;
    for (const table of tables) {
      const label =
        table === 'organisations' ? answer.names?.[value] : VALUE_LABELS[table]?.[value];
      if (label) return labelIn(label, lang);
    }
    return value;
  };
  const lines = answer.rows.map((row) =>
    csvLine(answer.columns.map((c) => named(c.labels, row[c.key]))),
  );
  return header + lines.join('');
}
