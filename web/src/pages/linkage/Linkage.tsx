import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { ReactNode, useEffect, useState } from 'react';
import { Page } from '../../api';
import { beijingToday } from '../../format';
import { useI18n } from '../../i18n';
import { useWorkspace } from '../../workspace';
import { LabelTag, PageLink, PageTitle, officialNumber, queryOf, useOptions } from './shared';
import { useText } from './text';
import { Adoption, LinkageDecision, LinkageItem } from './types';

/** The "as of" day in the address (?asOf=YYYY-MM-DD), so a past view can be shared. */
export function useAsOf(): [string | null, (day: string | null) => void] {
  const [asOf, setAsOf] = useState<string | null>(
    () => new URLSearchParams(window.location.search).get('asOf') || null,
  );
  const change = (day: string | null) => {
    const params = new URLSearchParams(window.location.search);
    if (day) params.set('asOf', day);
    else params.delete('asOf');
    const search = params.toString();
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${search ? `?${search}` : ''}`,
    );
    setAsOf(day);
  };
  return [asOf, change];
}

/**
 * The "as of" date picker (time travel): a day shows the view as it stood at the end of that
 * day, Beijing time (the API's `asOf`); cleared, the view is live.
 */
export function AsOfPicker({
  asOf,
  change,
}: {
  asOf: string | null;
  change: (d: string | null) => void;
}) {
  const t = useText();
  return (
    <Space wrap>
      <label htmlFor="as-of">{t('asOf')}</label>
      <DatePicker
        id="as-of"
        data-testid="as-of"
        value={asOf ? dayjs(asOf) : null}
        disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') > beijingToday()}
        onChange={(d: Dayjs | null) => change(d ? d.format('YYYY-MM-DD') : null)}
        placeholder={t('live')}
      />
      <Typography.Text>{t('asOfHelp')}</Typography.Text>
    </Space>
  );
}

export function AsOfBanner({ asOf }: { asOf: string | null }) {
  const t = useText();
  if (!asOf) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="as-of-banner"
      message={`${t('asOfShowing')} ${asOf} ${t('beijingTime')}`}
    />
  );
}

/** Adoption of the committee's opinion points: adopted / partly / not / pending. */
export function AdoptionText({ adoption }: { adoption: Adoption }) {
  const t = useText();
  return (
    <span data-testid="adoption">
      {t('adopted')} {adoption.adopted} · {t('partlyAdopted')} {adoption.partly_adopted} ·{' '}
      {t('notAdopted')} {adoption.not_adopted} · {t('pending')} {adoption.pending}
    </span>
  );
}

export function Flags({ flags }: { flags: string[] }) {
  const { labels } = useWorkspace();
  if (flags.length === 0) return <span>—</span>;
  return (
    <Space size={2} wrap data-testid="flags">
      {flags.map((f) => (
        <LabelTag key={f} table={labels.linkageFlags} value={f} warn />
      ))}
    </Space>
  );
}

export const daysText = (n: number | null, unit: string) => (n === null ? '—' : `${n} ${unit}`);

interface Filters {
  level?: string;
  regionCode?: string;
  policyArea?: string;
  year?: number;
  stage?: string;
  flag?: string;
  kind?: string;
  sort?: string;
}

/**
 * The linkage view (衔接机制): each committee decision with the items carrying it out, their
 * stage and days in stage, the legalisation lag, opinion adoption and flags; or the reverse, each
 * item with the decisions it carries out. Filters, keyset paging, CSV/JSON export and an "as of"
 * date that shows the past state.
 */
export function LinkagePage() {
  const t = useText();
  const { label, lang } = useI18n();
  const { api, labels, session } = useWorkspace();
  const options = useOptions();
  const [view, setView] = useState<'decisions' | 'items'>('decisions');
  const [filters, setFilters] = useState<Filters>({});
  const [asOf, setAsOf] = useAsOf();
  // Keyset paging: the cursors of the pages before this one, to go back.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<Page<LinkageDecision | LinkageItem> | null>(null);
  const [loading, setLoading] = useState(false);
  const [form] = Form.useForm();

  const filterQuery = queryOf({
    ...filters,
    ...(view === 'items' ? {} : { kind: undefined }),
    ...(view === 'decisions' ? {} : { year: undefined }),
    asOf: asOf ?? undefined,
  });
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    let live = true;
    setLoading(true);
    const sep = filterQuery ? '&' : '?';
    const path = `/api/linkage/${view}${filterQuery}${sep}limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    api
      .get<Page<LinkageDecision | LinkageItem>>(path)
      .then(
        (p) => live && setPage(p),
        () => live && setPage({ items: [], nextCursor: null }),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, view, filterQuery, cursor]);

  // A new view or filter starts from the first page.
  const restart = () => setCursors([null]);

  async function download(format: 'csv' | 'json') {
    const sep = filterQuery ? '&' : '?';
    const response = await fetch(
      `/api/linkage/decisions/export${filterQuery}${sep}format=${format}&lang=${lang}`,
      { headers: { Authorization: `Bearer ${session.token}` } },
    );
    if (!response.ok) return;
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `linkage-decisions${asOf ? `-as-of-${asOf}` : ''}.${format}`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const withAsOf = (path: string) => (asOf ? `${path}?asOf=${asOf}` : path);
  const itemsCell = (d: LinkageDecision): ReactNode =>
    d.items.length === 0 ? (
      '—'
    ) : (
      <Space orientation="vertical" size={2}>
        {d.items.map((i) => (
          <span key={i.itemId}>
            <PageLink to={withAsOf(`/linkage/items/${i.itemId}`)}>{i.title}</PageLink>{' '}
            <Tag>{label(i.stageLabel ?? undefined, i.stage)}</Tag>
            {daysText(i.daysInStage, t('days'))}
          </span>
        ))}
      </Space>
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>{t('linkage')}</PageTitle>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Segmented
              aria-label={t('linkage')}
              value={view}
              onChange={(v) => {
                setView(v as 'decisions' | 'items');
                setPage(null);
                restart();
              }}
              options={[
                { value: 'decisions', label: t('byDecision') },
                { value: 'items', label: t('byItem') },
              ]}
            />
            <AsOfPicker
              asOf={asOf}
              change={(d) => {
                setAsOf(d);
                restart();
              }}
            />
          </Space>
          <Form
            form={form}
            layout="inline"
            name="filters"
            aria-label={t('filter')}
            onValuesChange={(_, all: Filters) => {
              setFilters({ ...all, year: all.year ?? undefined });
              restart();
            }}
          >
            <Form.Item label={t('level')} name="level">
              <Select
                allowClear
                style={{ width: 120 }}
                options={[
                  { value: 'national', label: t('levelNational') },
                  { value: 'province', label: t('levelProvince') },
                  { value: 'city', label: t('levelCity') },
                ]}
              />
            </Form.Item>
            <Form.Item label={t('regionCode')} name="regionCode">
              <Input allowClear style={{ width: 100 }} maxLength={6} />
            </Form.Item>
            <Form.Item label={t('policyArea')} name="policyArea">
              <Input allowClear style={{ width: 130 }} />
            </Form.Item>
            {view === 'decisions' ? (
              <Form.Item label={t('year')} name="year">
                <InputNumber min={1949} max={2100} style={{ width: 100 }} />
              </Form.Item>
            ) : (
              <Form.Item label={t('itemKind')} name="kind">
                <Select allowClear style={{ width: 140 }} options={options(labels.itemKinds)} />
              </Form.Item>
            )}
            <Form.Item label={t('stage')} name="stage">
              <Select allowClear style={{ width: 130 }} options={options(labels.itemStages)} />
            </Form.Item>
            <Form.Item label={t('flag')} name="flag">
              <Select allowClear style={{ width: 170 }} options={options(labels.linkageFlags)} />
            </Form.Item>
            {view === 'decisions' && (
              <Form.Item label={t('sort')} name="sort">
                <Select
                  allowClear
                  style={{ width: 120 }}
                  options={[
                    { value: 'decidedOn', label: t('sortDecidedOn') },
                    { value: 'lag', label: t('sortLag') },
                    { value: 'title', label: t('sortTitle') },
                  ]}
                />
              </Form.Item>
            )}
          </Form>
          {view === 'decisions' && (
            <Space>
              <Button onClick={() => void download('csv')} data-testid="export-csv">
                {t('exportCsv')}
              </Button>
              <Button onClick={() => void download('json')} data-testid="export-json">
                {t('exportJson')}
              </Button>
            </Space>
          )}
        </Space>
      </Card>
      <AsOfBanner asOf={asOf} />
      {view === 'decisions' ? (
        <Table<LinkageDecision>
          data-testid="linkage-decisions"
          rowKey="decisionId"
          loading={loading}
          dataSource={(page?.items ?? []) as LinkageDecision[]}
          pagination={false}
          locale={{ emptyText: t('empty') }}
          columns={[
            {
              title: t('documentNumber'),
              dataIndex: 'documentNumber',
              render: (v: string) => officialNumber(v),
            },
            {
              title: t('title'),
              dataIndex: 'title',
              render: (_: unknown, d) => (
                <PageLink to={withAsOf(`/linkage/decisions/${d.decisionId}`)}>{d.title}</PageLink>
              ),
            },
            { title: t('decidedOn'), dataIndex: 'decidedOn' },
            { title: t('linkedItems'), key: 'items', render: (_: unknown, d) => itemsCell(d) },
            {
              title: t('lag'),
              key: 'lag',
              render: (_: unknown, d) => (
                <span>
                  {t('lagToAdoption')}：{daysText(d.lag.toAdoptionDays, t('days'))}
                  <br />
                  {t('lagToInForce')}：{daysText(d.lag.toInForceDays, t('days'))}
                </span>
              ),
            },
            {
              title: t('adoption'),
              key: 'adoption',
              render: (_: unknown, d) => <AdoptionText adoption={d.adoption} />,
            },
            {
              title: t('flags'),
              key: 'flags',
              render: (_: unknown, d) => <Flags flags={d.flags} />,
            },
          ]}
        />
      ) : (
        <Table<LinkageItem>
          data-testid="linkage-items"
          rowKey="itemId"
          loading={loading}
          dataSource={(page?.items ?? []) as LinkageItem[]}
          pagination={false}
          locale={{ emptyText: t('empty') }}
          columns={[
            {
              title: t('title'),
              dataIndex: 'title',
              render: (_: unknown, i) => (
                <PageLink to={withAsOf(`/linkage/items/${i.itemId}`)}>{i.title}</PageLink>
              ),
            },
            {
              title: t('stage'),
              dataIndex: 'stage',
              render: (_: unknown, i) => <Tag>{label(i.stageLabel ?? undefined, i.stage)}</Tag>,
            },
            {
              title: t('daysInStage'),
              dataIndex: 'daysInStage',
              render: (n: number | null) => daysText(n, t('days')),
            },
            {
              title: t('linkedDecisions'),
              key: 'decisions',
              render: (_: unknown, i) =>
                i.decisions.length === 0 ? (
                  '—'
                ) : (
                  <Space orientation="vertical" size={2}>
                    {i.decisions.map((d) => (
                      <PageLink
                        key={d.decisionId}
                        to={withAsOf(`/linkage/decisions/${d.decisionId}`)}
                      >
                        {officialNumber(d.documentNumber)} {d.title}
                      </PageLink>
                    ))}
                  </Space>
                ),
            },
            {
              title: t('adoption'),
              key: 'adoption',
              render: (_: unknown, i) => <AdoptionText adoption={i.adoption} />,
            },
            {
              title: t('flags'),
              key: 'flags',
              render: (_: unknown, i) => <Flags flags={i.flags} />,
            },
          ]}
        />
      )}
      <Space>
        <Button
          disabled={cursors.length <= 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          data-testid="previous"
        >
          {t('previous')}
        </Button>
        <Button
          disabled={!page?.nextCursor}
          onClick={() => page?.nextCursor && setCursors((c) => [...c, page.nextCursor])}
          data-testid="next"
        >
          {t('next')}
        </Button>
      </Space>
    </Space>
  );
}
