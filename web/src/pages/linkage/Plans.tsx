import { Alert, Card, Descriptions, List, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Page, SubmissionSummary } from '../../api';
import { navigate } from '../../router';
import { useWorkspace } from '../../workspace';
import { ActionBar, ActionSpec, Field, Option } from './actions';
import { ListPage } from './ListPage';
import {
  LabelTag,
  PageLink,
  PageTitle,
  officialNumber,
  sectionTitle,
  useOptions,
  useRecord,
  useRecordNames,
  useSides,
} from './shared';
import { useText } from './text';
import { ItemSummary, PlanDetail, PlanEntry, PlanSummary } from './types';

/**
 * Legislative plans (立法规划、年度立法计划) the user reads, with their entries; the legislature
 * drafts one here (its entries are added on the plan's page).
 */
export function PlansPage() {
  const t = useText();
  const { api, labels, session } = useWorkspace();
  const options = useOptions();
  const legislatureRole =
    session.roles.includes('legislature') || session.roles.includes('party_group');
  const draft: ActionSpec = {
    key: 'draft-plan',
    label: t('draftPlan'),
    fields: [
      {
        name: 'kind',
        label: t('kind'),
        kind: 'select',
        required: true,
        options: options(labels.planKinds),
      },
      {
        name: 'fromYear',
        label: t('fromYear'),
        kind: 'number',
        required: true,
        min: 1949,
        max: 2999,
      },
      { name: 'toYear', label: t('toYear'), kind: 'number', required: true, min: 1949, max: 2999 },
      { name: 'title', label: t('title'), kind: 'text', required: true },
    ],
    run: (values) => api.post<{ planId: string }>('/api/plans', { ...values, entries: [] }),
  };
  return (
    <ListPage<PlanSummary>
      title={t('plans')}
      testId="plans"
      path="/api/plans"
      rowKey="planId"
      actions={legislatureRole ? [draft] : []}
      done={(result) => navigate(`/plans/${(result as { planId: string }).planId}`)}
      filters={[
        { name: 'kind', label: t('kind'), kind: 'select', options: options(labels.planKinds) },
        {
          name: 'status',
          label: t('status'),
          kind: 'select',
          options: options(labels.planStatuses),
          width: 160,
        },
        { name: 'year', label: t('year'), kind: 'year' },
      ]}
      columns={[
        {
          title: t('title'),
          dataIndex: 'title',
          render: (_: unknown, p) => <PageLink to={`/plans/${p.planId}`}>{p.title}</PageLink>,
        },
        {
          title: t('kind'),
          dataIndex: 'kind',
          render: (v: string) => <LabelTag table={labels.planKinds} value={v} />,
        },
        {
          title: t('years'),
          key: 'years',
          render: (_: unknown, p) => `${p.fromYear}–${p.toYear}`,
        },
        {
          title: t('status'),
          dataIndex: 'status',
          render: (v: string) => <LabelTag table={labels.planStatuses} value={v} />,
        },
        { title: t('entries'), dataIndex: 'entryCount' },
      ]}
    />
  );
}

/**
 * The fields of an entry's case, under `path` as the API names them in its refusals
 * (`entries[0].itemId` when adding, `added[0].necessity` when adjusting).
 */
function useEntryFields(): (items: Option[], path: [string, number], required: boolean) => Field[] {
  const t = useText();
  return (items, path, required) => {
    const text = (field: 'necessity' | 'feasibility' | 'socialEffects' | 'obstacles'): Field => ({
      name: [...path, field],
      label: t(field),
      kind: 'textarea',
      required: required && field !== 'obstacles',
      max: 10000,
    });
    return [
      { name: [...path, 'itemId'], label: t('item'), kind: 'select', required, options: items },
      text('necessity'),
      text('feasibility'),
      text('socialEffects'),
      text('obstacles'),
    ];
  };
}

/** The entry a dialog holds under `path` (the first of its list). */
const entryAt = (v: Record<string, unknown>, list: string): PlanEntry | null => {
  const e = (v[list] as Record<string, string | undefined>[] | undefined)?.[0];
  return e?.itemId
    ? {
        itemId: e.itemId,
        necessity: e.necessity ?? '',
        feasibility: e.feasibility ?? '',
        socialEffects: e.socialEffects ?? '',
        obstacles: e.obstacles ?? '',
      }
    : null;
};

/**
 * One plan: its entries with the case for each, the report and the committee's approval, its
 * adjustments; the steps open to the user (`openSteps`): add, edit and remove entries while it
 * is drafted, report it, approve it, adjust it mid-term.
 */
export function PlanPage({ planId }: { planId: string }) {
  const t = useText();
  const { api, labels } = useWorkspace();
  const sides = useSides();
  const entryFields = useEntryFields();
  const { record: p, missing, reload } = useRecord<PlanDetail>(`/api/plans/${planId}`);
  const names = useRecordNames(
    [
      ...(p?.entries ?? []).map((e) => e.itemId),
      ...(p?.removedEntries ?? []).map((e) => e.itemId),
    ].map((id) => ({ kind: 'item', id })),
  );
  const legislature = !!p && sides.legislature(p.legislatureId);
  const [items, setItems] = useState<ItemSummary[]>([]);
  const [submissions, setSubmissions] = useState<SubmissionSummary[]>([]);
  useEffect(() => {
    if (!legislature) return;
    void api.get<Page<ItemSummary>>('/api/items?limit=200').then((page) => setItems(page.items));
    void api
      .get<Page<SubmissionSummary>>('/api/submissions?box=outbox&limit=100')
      .then((page) => setSubmissions(page.items.filter((s) => s.category === 'legislative_plan')));
  }, [api, legislature]);

  if (missing) return <Alert type="warning" showIcon message={t('notFound')} />;
  if (!p) return <Spin />;

  const base = `/api/plans/${planId}`;
  const open = new Set(p.openSteps);
  const listed = new Set(p.entries.map((e) => e.itemId));
  const itemOption = (i: ItemSummary) => ({ value: i.itemId, label: i.title });
  const unlisted = items
    .filter((i) => i.legislatureId === p.legislatureId && !listed.has(i.itemId))
    .map(itemOption);
  const listedOptions = p.entries.map((e) => ({
    value: e.itemId,
    label: names[e.itemId] ?? e.itemId,
  }));
  const submissionOptions = submissions.map((s) => ({
    value: s.submissionId,
    label: `${officialNumber(s.documentNumber)} ${s.title}`,
  }));

  const specs: Record<string, ActionSpec> = {
    add_entry: {
      key: 'add-entry',
      label: t('addEntry'),
      fields: entryFields(unlisted, ['entries', 0], true),
      run: (v) => api.post(`${base}/entries`, entryAt(v, 'entries')),
    },
    report: {
      key: 'report-plan',
      label: t('reportPlan'),
      fields: [
        {
          name: 'submissionId',
          label: t('planSubmission'),
          kind: 'select',
          required: true,
          options: submissionOptions,
        },
      ],
      run: (v) => api.post(`${base}/report`, v),
    },
    approve: {
      key: 'approve-plan',
      label: t('approvePlan'),
      fields: [
        { name: 'approvedOn', label: t('approvedOn'), kind: 'date', required: true },
        {
          name: 'approvalReference',
          label: t('approvalReference'),
          kind: 'text',
          required: true,
          max: 200,
          hint: t('documentNumberHint'),
        },
      ],
      run: (v) =>
        api.post(`${base}/approval`, {
          ...v,
          approvalReference: officialNumber(v.approvalReference as string),
        }),
    },
    adjust: {
      key: 'adjust-plan',
      label: t('adjustPlan'),
      fields: [
        { name: 'reason', label: t('reason'), kind: 'textarea', required: true },
        { name: 'adjustedOn', label: t('adjustedOn'), kind: 'date', required: true },
        {
          name: 'submissionId',
          label: t('planSubmission'),
          kind: 'select',
          options: submissionOptions,
        },
        { name: 'removed', label: t('removedItems'), kind: 'multiple', options: listedOptions },
        { name: 'removalReason', label: t('removalReason'), kind: 'textarea' },
        // One item added per adjustment here; the API takes several.
        ...entryFields(unlisted, ['added', 0], false),
      ],
      run: (v) => {
        const added = entryAt(v, 'added');
        return api.post<{ adjustmentNumber: number }>(`${base}/adjustments`, {
          reason: v.reason,
          adjustedOn: v.adjustedOn,
          submissionId: v.submissionId ?? undefined,
          added: added ? [added] : [],
          removed: ((v.removed as string[] | undefined) ?? []).map((itemId) => ({
            itemId,
            reason: v.removalReason ?? '',
          })),
        });
      },
    },
  };
  const actions = Object.entries(specs)
    .filter(([step]) => open.has(step))
    .map(([, spec]) => spec);

  /** Editing an entry's case while drafted: the API removes it and lists it again, revised. */
  const entryActions = (e: PlanEntry): ActionSpec[] => [
    ...(open.has('add_entry') && open.has('remove_entry')
      ? [
          {
            key: `edit-entry-${e.itemId}`,
            label: t('editEntry'),
            initial: { entries: [e] },
            fields: entryFields(
              [{ value: e.itemId, label: names[e.itemId] ?? e.itemId }],
              ['entries', 0],
              true,
            ),
            run: async (v: Record<string, unknown>) => {
              const revised = entryAt(v, 'entries');
              await api.post(`${base}/entry-removals`, {
                itemId: e.itemId,
                reason: t('entryRevised'),
              });
              return api.post(`${base}/entries`, { ...revised, itemId: e.itemId });
            },
          },
        ]
      : []),
    ...(open.has('remove_entry')
      ? [
          {
            key: `remove-entry-${e.itemId}`,
            label: t('removeEntry'),
            fields: [
              { name: 'reason', label: t('reason'), kind: 'textarea', required: true } as Field,
            ],
            run: (v: Record<string, unknown>) =>
              api.post(`${base}/entry-removals`, { itemId: e.itemId, reason: v.reason }),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1080 }}>
      <PageTitle testId="plan-title">{p.title}</PageTitle>
      <Card>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('kind')}>
            <LabelTag table={labels.planKinds} value={p.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('years')}>
            {p.fromYear}–{p.toYear}
          </Descriptions.Item>
          <Descriptions.Item label={t('status')}>
            <LabelTag table={labels.planStatuses} value={p.status} testId="status" />
          </Descriptions.Item>
          {p.submissionId && (
            <Descriptions.Item label={t('submissions')}>
              <PageLink to={`/submissions/${p.submissionId}`}>{p.submissionId}</PageLink>
            </Descriptions.Item>
          )}
          {p.approval && (
            <Descriptions.Item label={t('approvalReference')}>
              {officialNumber(p.approval.approvalReference)}（{p.approval.approvedOn}）
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={sectionTitle(t('actions'))}>
        <ActionBar actions={actions} done={reload} />
      </Card>
      <Card title={sectionTitle(t('entries'))}>
        <List
          data-testid="plan-entries"
          dataSource={p.entries}
          locale={{ emptyText: t('empty') }}
          renderItem={(e) => {
            const own = entryActions(e);
            return (
              <List.Item>
                <Space orientation="vertical" size={2}>
                  <PageLink to={`/items/${e.itemId}`}>{names[e.itemId] ?? e.itemId}</PageLink>
                  <span>
                    {t('necessity')}：{e.necessity}
                  </span>
                  <span>
                    {t('feasibility')}：{e.feasibility}
                  </span>
                  <span>
                    {t('socialEffects')}：{e.socialEffects}
                  </span>
                  <span>
                    {t('obstacles')}：{e.obstacles || '—'}
                  </span>
                  {own.length > 0 && <ActionBar actions={own} done={reload} />}
                </Space>
              </List.Item>
            );
          }}
        />
      </Card>
      {(p.adjustments.length > 0 || p.removedEntries.length > 0) && (
        <Card title={sectionTitle(t('adjustments'))}>
          <List
            data-testid="plan-adjustments"
            dataSource={[
              ...p.adjustments.map((a) => ({
                key: `a${a.adjustmentNumber}`,
                text: `${a.adjustedOn} · ${t('adjustPlan')} ${a.adjustmentNumber}：${a.reason}${
                  a.added.length
                    ? `；${t('addedItem')}：${a.added.map((id) => names[id] ?? id).join('、')}`
                    : ''
                }`,
              })),
              ...p.removedEntries.map((r) => ({
                key: `r${r.itemId}${r.adjustmentNumber}`,
                text: `${t('removedEntries')}：${names[r.itemId] ?? r.itemId}（${r.reason}）`,
              })),
            ]}
            renderItem={(row) => <List.Item key={row.key}>{row.text}</List.Item>}
          />
        </Card>
      )}
    </Space>
  );
}
