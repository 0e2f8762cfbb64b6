import { Card, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { isOffice } from '../../auth';
import { navigate } from '../../router';
import { useWorkspace } from '../../workspace';
import {
  ActionBar,
  LabelTag,
  MoreButton,
  PageLink,
  PageTitle,
  officialNumber,
  queryOf,
  useKeysetList,
  useOptions,
} from './shared';
import { useText } from './text';
import { DecisionSummary } from './types';

interface Filters {
  policyArea?: string;
  year?: number;
  followUpNeeded?: string;
  transmitted?: string;
}

/**
 * The decisions register (党委决策登记): the committee's decisions the user reads, newest first,
 * with filters; the committee office records a decision here.
 */
export function DecisionsPage() {
  const t = useText();
  const { api, labels, session } = useWorkspace();
  const options = useOptions();
  const [filters, setFilters] = useState<Filters>({});
  const list = useKeysetList<DecisionSummary>(
    `/api/decisions${queryOf({ limit: 50, ...filters })}`,
  );
  const yesNo = [
    { value: 'true', label: t('yes') },
    { value: 'false', label: t('no') },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>{t('decisions')}</PageTitle>
      {isOffice(session) && (
        <ActionBar
          actions={[
            {
              key: 'record-decision',
              label: t('recordDecision'),
              fields: [
                {
                  name: 'documentNumber',
                  label: t('documentNumber'),
                  kind: 'text',
                  required: true,
                  hint: t('documentNumberHint'),
                },
                { name: 'title', label: t('title'), kind: 'text', required: true },
                { name: 'summary', label: t('summary'), kind: 'textarea', required: true },
                { name: 'decidedOn', label: t('decidedOn'), kind: 'date', required: true },
                {
                  name: 'kind',
                  label: t('kind'),
                  kind: 'select',
                  required: true,
                  options: options(labels.decisionKinds),
                },
                {
                  name: 'policyAreas',
                  label: t('policyAreas'),
                  kind: 'tags',
                  required: true,
                  options: [],
                },
                {
                  name: 'followUp',
                  label: t('followUp'),
                  kind: 'select',
                  options: options(labels.followUpKinds),
                },
              ],
              run: (values) =>
                api.post<{ decisionId: string }>('/api/decisions', {
                  ...values,
                  documentNumber: officialNumber(values.documentNumber as string),
                  followUp: values.followUp ?? null,
                }),
            },
          ]}
          done={(result) => navigate(`/decisions/${(result as { decisionId: string }).decisionId}`)}
        />
      )}
      <Card size="small">
        <Form
          layout="inline"
          name="filters"
          aria-label={t('filter')}
          onValuesChange={(_, all: Filters) => setFilters({ ...all, year: all.year ?? undefined })}
        >
          <Form.Item label={t('policyArea')} name="policyArea">
            <Input allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label={t('year')} name="year">
            <InputNumber min={1949} max={2100} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label={t('followUpNeeded')} name="followUpNeeded">
            <Select allowClear options={yesNo} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item label={t('transmitted')} name="transmitted">
            <Select allowClear options={yesNo} style={{ width: 100 }} />
          </Form.Item>
        </Form>
      </Card>
      <Table<DecisionSummary>
        data-testid="decisions"
        rowKey="decisionId"
        loading={list.loading}
        dataSource={list.rows}
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
            render: (_: unknown, r) => (
              <PageLink to={`/decisions/${r.decisionId}`}>{r.title}</PageLink>
            ),
          },
          { title: t('decidedOn'), dataIndex: 'decidedOn' },
          {
            title: t('kind'),
            dataIndex: 'kind',
            render: (v: string) => <LabelTag table={labels.decisionKinds} value={v} />,
          },
          {
            title: t('policyAreas'),
            dataIndex: 'policyAreas',
            render: (v: string[]) => v.join('、'),
          },
          {
            title: t('followUp'),
            dataIndex: 'followUp',
            render: (v: string | null) =>
              v ? <LabelTag table={labels.followUpKinds} value={v} /> : t('followUpNone'),
          },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (v: string) => <LabelTag table={labels.decisionStatuses} value={v} />,
          },
        ]}
      />
      <MoreButton more={list.more} loading={list.loading} />
    </Space>
  );
}
