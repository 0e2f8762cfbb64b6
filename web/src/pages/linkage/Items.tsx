import { Card, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { useWorkspace } from '../../workspace';
import {
  ActionBar,
  MoreButton,
  PageLink,
  PageTitle,
  queryOf,
  useKeysetList,
  useOptions,
} from './shared';
import { useText } from './text';
import { ItemSummary } from './types';

interface Filters {
  kind?: string;
  stage?: string;
  year?: number;
  policyArea?: string;
}

/** Legislative items (立法项目) the user reads, with their stage; the legislature proposes here. */
export function ItemsPage() {
  const t = useText();
  const { label } = useI18n();
  const { api, labels, session } = useWorkspace();
  const options = useOptions();
  const [filters, setFilters] = useState<Filters>({});
  const list = useKeysetList<ItemSummary>(`/api/items${queryOf({ limit: 50, ...filters })}`);
  const legislatureRole =
    session.roles.includes('legislature') || session.roles.includes('party_group');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>{t('items')}</PageTitle>
      {legislatureRole && (
        <ActionBar
          actions={[
            {
              key: 'propose-item',
              label: t('proposeItem'),
              fields: [
                {
                  name: 'kind',
                  label: t('itemKind'),
                  kind: 'select',
                  required: true,
                  options: options(labels.itemKinds),
                },
                { name: 'title', label: t('title'), kind: 'text', required: true },
                { name: 'summary', label: t('summary'), kind: 'textarea', required: true },
                {
                  name: 'policyAreas',
                  label: t('policyAreas'),
                  kind: 'tags',
                  required: true,
                  options: [],
                },
                { name: 'proposedOn', label: t('proposedOn'), kind: 'date', required: true },
              ],
              run: (values) => api.post<{ itemId: string }>('/api/items', values),
            },
          ]}
          done={(result) => navigate(`/items/${(result as { itemId: string }).itemId}`)}
        />
      )}
      <Card size="small">
        <Form
          layout="inline"
          name="filters"
          aria-label={t('filter')}
          onValuesChange={(_, all: Filters) => setFilters({ ...all, year: all.year ?? undefined })}
        >
          <Form.Item label={t('itemKind')} name="kind">
            <Select allowClear options={options(labels.itemKinds)} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item label={t('stage')} name="stage">
            <Select allowClear options={options(labels.itemStages)} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item label={t('year')} name="year">
            <InputNumber min={1949} max={2100} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label={t('policyArea')} name="policyArea">
            <Input allowClear style={{ width: 150 }} />
          </Form.Item>
        </Form>
      </Card>
      <Table<ItemSummary>
        data-testid="items"
        rowKey="itemId"
        loading={list.loading}
        dataSource={list.rows}
        pagination={false}
        locale={{ emptyText: t('empty') }}
        columns={[
          {
            title: t('title'),
            dataIndex: 'title',
            render: (_: unknown, r) => <PageLink to={`/items/${r.itemId}`}>{r.title}</PageLink>,
          },
          {
            title: t('itemKind'),
            dataIndex: 'kind',
            render: (_: unknown, r) => label(r.kindLabel),
          },
          {
            title: t('stage'),
            dataIndex: 'stage',
            render: (_: unknown, r) => <Tag>{label(r.stageLabel)}</Tag>,
          },
          { title: t('stageSince'), dataIndex: 'stageSince' },
          { title: t('proposedOn'), dataIndex: 'proposedOn' },
          {
            title: t('divergences'),
            dataIndex: 'openDivergences',
            render: (n: number) => (n > 0 ? <Tag className="tag-overdue">{n}</Tag> : '—'),
          },
        ]}
      />
      <MoreButton more={list.more} loading={list.loading} />
    </Space>
  );
}
