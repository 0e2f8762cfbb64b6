import { Alert, Button, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, Page, SearchHit, Segment } from '../api';
import { beijingDateTime } from '../format';
import { defineText, useI18n } from '../i18n';
import { navigate } from '../router';
import { useWorkspace } from '../workspace';

const useText = defineText({
  search: { zh: '检索', en: 'Search' },
  placeholder: {
    zh: '标题、文号、摘要、正文（空格分隔多个词）',
    en: 'Title, document number, summary, body (several words: separate by spaces)',
  },
  all: { zh: '全部', en: 'All' },
  noHits: { zh: '没有找到可查看的记录', en: 'Nothing you may read matches' },
  more: { zh: '更多结果', en: 'More results' },
  results: { zh: '检索结果', en: 'Results' },
});

/** Where the web UI shows each kind of record (decisions and items: their linkage pages). */
export function recordPath(hit: Pick<SearchHit, 'kind' | 'id'>): string {
  return `/${hit.kind === 'submission' ? 'submissions' : hit.kind === 'decision' ? 'decisions' : 'items'}/${hit.id}`;
}

/** Matches in bold, as the API marked them (no HTML from the server). */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}

const queryOf = () => new URLSearchParams(window.location.search).get('q') ?? '';

/** Search across submissions, decisions and items the user may read. */
export function SearchPage() {
  const { t: common, lang, label } = useI18n();
  const t = useText();
  const { api, labels } = useWorkspace();
  const [q, setQ] = useState(queryOf);
  const [input, setInput] = useState(queryOf);
  const [kind, setKind] = useState<string>('all');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const update = () => {
      setQ(queryOf());
      setInput(queryOf());
    };
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);

  const load = (cursor: string | null) => {
    const params = new URLSearchParams({ q, limit: '20' });
    if (kind !== 'all') params.set('kind', kind);
    if (cursor) params.set('cursor', cursor);
    setLoading(true);
    return api
      .get<Page<SearchHit>>(`/api/search?${params}`)
      .then((page) => {
        setError(null);
        setHits((shown) => (cursor ? [...shown, ...page.items] : page.items));
        setNext(page.nextCursor);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)))
      .finally(() => setLoading(false));
  };

  useEffect(() => {
    if (!q.trim()) {
      setHits([]);
      setNext(null);
      return;
    }
    void load(null);
  }, [q, kind, api]);

  const kinds = labels.searchKinds;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('search')}
      </Typography.Title>
      <Input.Search
        aria-label={t('search')}
        placeholder={t('placeholder')}
        value={input}
        maxLength={100}
        enterButton={t('search')}
        onChange={(e) => setInput(e.target.value)}
        onSearch={(value) => navigate(`/search?q=${encodeURIComponent(value.trim())}`)}
        data-testid="search-input"
      />
      <Segmented
        aria-label={common('kind')}
        value={kind}
        onChange={(value) => setKind(String(value))}
        options={[
          { label: t('all'), value: 'all' },
          ...Object.entries(kinds ?? {}).map(([value, l]) => ({ label: l[lang], value })),
        ]}
      />
      {error && <Alert type="error" title={error} />}
      {q.trim() && (
        <List
          aria-label={t('results')}
          data-testid="search-results"
          loading={loading}
          dataSource={hits}
          locale={{ emptyText: t('noHits') }}
          renderItem={(hit) => (
            <List.Item key={`${hit.kind}:${hit.id}`}>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Tag>{label(hit.kindLabel)}</Tag>
                    <Typography.Link
                      href={recordPath(hit)}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(recordPath(hit));
                      }}
                    >
                      <Highlighted segments={hit.titleSegments} />
                    </Typography.Link>
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={2}>
                    <Typography.Text type="secondary">
                      {hit.documentNumber ?? ''} {beijingDateTime(hit.recordedAt, lang)}
                    </Typography.Text>
                    {hit.snippet && (
                      <Typography.Text data-testid="snippet">
                        <Highlighted segments={hit.snippet.segments} />
                      </Typography.Text>
                    )}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      {next && (
        <Button onClick={() => void load(next)} loading={loading}>
          {t('more')}
        </Button>
      )}
    </Space>
  );
}

/** The search box in the header: opens the search page with what was typed. */
export function HeaderSearch() {
  const t = useText();
  return (
    <Input.Search
      aria-label={t('search')}
      placeholder={t('search')}
      maxLength={100}
      style={{ width: 140, verticalAlign: 'middle' }}
      onSearch={(value) =>
        value.trim() && navigate(`/search?q=${encodeURIComponent(value.trim())}`)
      }
      data-testid="header-search"
    />
  );
}
