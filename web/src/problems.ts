import type { FormInstance } from 'antd';
import { ApiError } from './api';

/** The form path of a field a problem names: `points[0].text` and `points.0.text` alike. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows each rule the API says is broken (problem+json `errors`) beside the field it names, when
 * the form has that field; returns the messages it could not place, for the form to show above.
 */
export function showProblem(form: FormInstance, error: unknown): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  const shown = form.getFieldsValue() as Record<string, unknown>;
  const placed = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const broken of error.problem.errors ?? []) {
    const name = fieldPath(broken.field);
    if (!(String(name[0]) in shown)) {
      unplaced.push(broken.message);
      continue;
    }
    const key = name.join('.');
    const entry = placed.get(key) ?? { name, errors: [] };
    entry.errors.push(broken.message);
    placed.set(key, entry);
  }
  form.setFields([...placed.values()]);
  if (placed.size === 0 && unplaced.length === 0) unplaced.push(error.message);
  return unplaced;
}
