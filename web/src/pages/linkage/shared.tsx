/**
 * What the linkage workspaces (decisions, proposals, items, the linkage view) share: whose side
 * the user is on for a record, links between pages, keyset paging, and the display of document
 * numbers. Their action dialogs are in actions.tsx, their list pages in ListPage.tsx.
 */
import { Button, Tag, Typography } from 'antd';
import { ReactNode, useCallback, useEffect, useState } from 'react';
import { Label, LabelTable, Organisation, Page } from '../../api';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { useWorkspace } from '../../workspace';
import { useText } from './text';

/**
 * A document number as offices write it: the year in 〔〕 (六角括号), never [] 【】 () （）,
 * which the API also reads as 〔〕. "长发[2025]12号" → "长发〔2025〕12号".
 */
export function officialNumber(raw: string | null | undefined): string {
  if (!raw) return '—';
  return raw.trim().replace(/[[【(（]\s*((?:19|20)\d{2})\s*[\]】)）]/g, '〔$1〕');
}

/** The signed-in user's own organisation (for showing the steps open to them). */
export function useOwnOrganisation(): Organisation | null {
  const { api, session } = useWorkspace();
  const [own, setOwn] = useState<Organisation | null>(null);
  useEffect(() => {
    api
      .get<Organisation>(`/api/organisations/${session.organisationId}`)
      .then(setOwn, () => setOwn(null));
  }, [api, session.organisationId]);
  return own;
}

export interface Sides {
  /** The office of this committee (党委办公厅/办公室). */
  committeeOffice(committeeId: string | null | undefined): boolean;
  /**
   * The legislature's side: its Standing Committee's Party group, or a special committee that
   * reports through it (such a body reads the record only when it is on that legislature's side).
   */
  legislature(legislatureId: string | null | undefined): boolean;
}

/** Which side the user stands on, as the API's policies state it (the API decides again). */
export function useSides(): Sides {
  const { session } = useWorkspace();
  const own = useOwnOrganisation();
  const roles = session.roles;
  return {
    committeeOffice: (committeeId) =>
      !!own &&
      !!committeeId &&
      roles.includes('committee_office') &&
      own.kind === 'committee_office' &&
      own.parentOrganisationId === committeeId,
    legislature: (legislatureId) =>
      !!own &&
      !!legislatureId &&
      (roles.includes('legislature') || roles.includes('party_group')) &&
      (own.organisationId === legislatureId || own.kind === 'special_committee'),
  };
}

/** A link to another workspace page, by the client router. */
export function PageLink({
  to,
  children,
  testId,
}: {
  to: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <a
      href={to}
      data-testid={testId}
      // Underlined: a link in running text must not be told apart by colour alone (axe).
      style={{ textDecoration: 'underline' }}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** A label from one of the API's tables, as a tag. */
export function LabelTag({
  table,
  value,
  warn,
  testId,
}: {
  table: LabelTable;
  value: string | null | undefined;
  /** A warning (a flag, an open divergence), in the overdue colours. */
  warn?: boolean;
  testId?: string;
}) {
  const { label } = useI18n();
  if (!value) return <span>—</span>;
  return (
    <Tag className={warn ? 'tag-overdue' : undefined} data-testid={testId}>
      {label(table[value] as Label | undefined, value)}
    </Tag>
  );
}

export function PageTitle({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }} data-testid={testId}>
      {children}
    </Typography.Title>
  );
}

export const sectionTitle = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

/** A paged list with keyset paging: the first page, then "more" follows `nextCursor`. */
export function useKeysetList<T>(path: string | null): {
  rows: T[];
  loading: boolean;
  more: (() => void) | null;
  reload: () => void;
} {
  const { api } = useWorkspace();
  const [rows, setRows] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [generation, setGeneration] = useState(0);

  const fetchPage = useCallback(
    async (after: string | null, append: boolean) => {
      if (path === null) return;
      setLoading(true);
      try {
        const sep = path.includes('?') ? '&' : '?';
        const url = after ? `${path}${sep}cursor=${encodeURIComponent(after)}` : path;
        const page = await api.get<Page<T>>(url);
        setRows((current) => (append ? [...current, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } finally {
        setLoading(false);
      }
    },
    [api, path],
  );

  useEffect(() => {
    void fetchPage(null, false);
  }, [fetchPage, generation]);

  return {
    rows,
    loading,
    more: cursor ? () => void fetchPage(cursor, true) : null,
    reload: () => setGeneration((g) => g + 1),
  };
}

/** A query string from the set filters (empty ones left out). */
export function queryOf(filters: Record<string, string | number | boolean | null | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function MoreButton({ more, loading }: { more: (() => void) | null; loading: boolean }) {
  const t = useText();
  if (!more) return null;
  return (
    <Button onClick={more} loading={loading} data-testid="more">
      {t('more')}
    </Button>
  );
}

/** The options of one of the API's label tables, in the user's language. */
export function useOptions(): (table: LabelTable) => { value: string; label: string }[] {
  const { label } = useI18n();
  return (table) => Object.entries(table).map(([value, l]) => ({ value, label: label(l) }));
}

const TITLE_PATHS: Record<string, string> = {
  decision: '/api/decisions/',
  item: '/api/items/',
  proposal: '/api/proposals/',
  submission: '/api/submissions/',
};

/** The titles of the records at the other ends of links (each read as the user may read it). */
export function useRecordNames(ends: { kind: string; id: string }[]): Record<string, string> {
  const { api } = useWorkspace();
  const [names, setNames] = useState<Record<string, string>>({});
  const key = ends.map((e) => `${e.kind}:${e.id}`).join(',');
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',') : [];
    void Promise.all(
      wanted.map(async (pair) => {
        const [kind, id] = pair.split(':');
        const base = TITLE_PATHS[kind];
        if (!base) return [id, id] as const;
        try {
          const record = await api.get<{ title: string; documentNumber?: string | null }>(
            base + id,
          );
          const number = record.documentNumber ? `${officialNumber(record.documentNumber)} ` : '';
          return [id, `${number}${record.title}`] as const;
        } catch {
          return [id, id] as const;
        }
      }),
    ).then((entries) => live && setNames(Object.fromEntries(entries)));
    return () => {
      live = false;
    };
  }, [api, key]);
  return names;
}

/** A record's detail, reloadable; `missing` when it is absent or unreadable (404). */
export function useRecord<T>(path: string): {
  record: T | null;
  missing: boolean;
  reload: () => void;
} {
  const { api } = useWorkspace();
  const [record, setRecord] = useState<T | null>(null);
  const [missing, setMissing] = useState(false);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    api.get<T>(path).then(
      (found) => {
        if (!live) return;
        setRecord(found);
        setMissing(false);
      },
      () => {
        if (!live) return;
        setRecord(null);
        setMissing(true);
      },
    );
    return () => {
      live = false;
    };
  }, [api, path, generation]);
  return { record, missing, reload: () => setGeneration((g) => g + 1) };
}
