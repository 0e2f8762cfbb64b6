import {
  Alert,
  Card,
  Descriptions,
  Form,
  InputNumber,
  List,
  Select,
  Space,
  Spin,
  Table,
} from 'antd';
import { useState } from 'react';
import { useWorkspace } from '../../workspace';
import {
  ActionBar,
  ActionSpec,
  LabelTag,
  MoreButton,
  PageLink,
  PageTitle,
  officialNumber,
  queryOf,
  sectionTitle,
  useKeysetList,
  useOptions,
  useRecord,
  useRecordNames,
  useSides,
} from './shared';
import { useText } from './text';

interface PlanSummary {
  planId: string;
  kind: string;
  status: string;
  committeeId: string;
  legislatureId: string;
  fromYear: number;
  toYear: number;
  title: string;
  entryCount: number;
  adjustments: number;
}

interface PlanDetail extends PlanSummary {
  entries: {
    itemId: string;
    necessity: string;
    feasibility: string;
    socialEffects: string;
    obstacles: string;
  }[];
  removedEntries: { itemId: string; reason: string; adjustmentNumber: number }[];
  submissionId: string | null;
  approval: { approvedOn: string; approvalReference: string } | null;
  adjustments: never;
}

/** Legislative plans (立法规划、年度立法计划) the user reads, with their entries. */
export function PlansPage() {
  const t = useText();
  const { labels } = useWorkspace();
  const options = useOptions();
  const [filters, setFilters] = useState<{ kind?: string; status?: string; year?: number }>({});
  const list = useKeysetList<PlanSummary>(`/api/plans${queryOf({ limit: 50, ...filters })}`);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>{t('plans')}</PageTitle>
      <Card size="small">
        <Form
          layout="inline"
          name="filters"
          aria-label={t('filter')}
          onValuesChange={(_, all: { kind?: string; status?: string; year?: number }) =>
            setFilters({ ...all, year: all.year ?? undefined })
          }
        >
          <Form.Item label={t('kind')} name="kind">
            <Select allowClear options={options(labels.planKinds)} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item label={t('status')} name="status">
            <Select allowClear options={options(labels.planStatuses)} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label={t('year')} name="year">
            <InputNumber min={1949} max={2100} style={{ width: 110 }} />
          </Form.Item>
        </Form>
      </Card>
      <Table<PlanSummary>
        data-testid="plans"
        rowKey="planId"
        loading={list.loading}
        dataSource={list.rows}
        pagination={false}
        locale={{ emptyText: t('empty') }}
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
      <MoreButton more={list.more} loading={list.loading} />
    </Space>
  );
}

/** One plan: its entries with the case for each, the report and the committee's approval. */
export function PlanPage({ planId }: { planId: string }) {
  const t = useText();
  const { api, labels } = useWorkspace();
  const sides = useSides();
  const { record: p, missing, reload } = useRecord<PlanDetail>(`/api/plans/${planId}`);
  const names = useRecordNames((p?.entries ?? []).map((e) => ({ kind: 'item', id: e.itemId })));
  if (missing) return <Alert type="warning" showIcon message={t('notFound')} />;
  if (!p) return <Spin />;
  const actions: ActionSpec[] = [];
  if (sides.committeeOffice(p.committeeId) && p.status === 'reported')
    actions.push({
      key: 'approve-plan',
      label: t('approvePlan'),
      fields: [
        { name: 'approvedOn', label: t('approvedOn'), kind: 'date', required: true },
        {
          name: 'approvalReference',
          label: t('approvalReference'),
          kind: 'text',
          required: true,
          hint: t('documentNumberHint'),
        },
      ],
      run: (v) =>
        api.post(`/api/plans/${planId}/approval`, {
          ...v,
          approvalReference: officialNumber(v.approvalReference as string),
        }),
    });
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
          renderItem={(e) => (
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
                  {t('obstacles')}：{e.obstacles}
                </span>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
