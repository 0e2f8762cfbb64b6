import type { FormInstance } from 'antd';
import { ApiError } from './api';

type Path = (string | number)[];

/** The form path of a field a problem names: `points[0].text` and `points.0.text` alike. */
export function fieldPath(field: string): Path {
  return field
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows each rule the API says is broken (problem+json `errors`) beside the field it names, or
 * the nearest field the form has that holds it (`articles.0` on the articles field); returns the
 * messages no field of the form holds, for the form to show above itself. What an earlier
 * refusal placed is taken away.
 */
export function showProblem(form: FormInstance, error: unknown): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  const fields = form.getFieldsError();
  const registered = new Set(fields.map((f) => f.name.join('.')));
  const placed = new Map<string, { name: Path; errors: string[] }>();
  const unplaced: string[] = [];
  for (const broken of error.problem.errors ?? []) {
    const path = fieldPath(broken.field);
    let name: Path | null = null;
    for (let length = path.length; length > 0 && !name; length -= 1) {
      if (registered.has(path.slice(0, length).join('.'))) name = path.slice(0, length);
    }
    if (!name) {
      unplaced.push(broken.message);
      continue;
    }
    const key = name.join('.');
    const entry = placed.get(key) ?? { name, errors: [] };
    entry.errors.push(broken.message);
    placed.set(key, entry);
  }
  const stale = fields
    .filter((f) => f.errors.length > 0 && !placed.has(f.name.join('.')))
    .map((f) => ({ name: f.name, errors: [] }));
  form.setFields([...stale, ...placed.values()]);
  if (placed.size === 0 && unplaced.length === 0) unplaced.push(error.message);
  return unplaced;
}
