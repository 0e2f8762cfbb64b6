import { Tag } from 'antd';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { useWorkspace } from '../../workspace';
import { ListPage } from './ListPage';
import { PageLink, useOptions } from './shared';
import { useText } from './text';
import { ItemSummary } from './types';

/** Legislative items (立法项目) the user reads, with their stage; the legislature proposes here. */
export function ItemsPage() {
  const t = useText();
  const { label } = useI18n();
  const { api, labels, session } = useWorkspace();
  const options = useOptions();
  const legislatureRole =
    session.roles.includes('legislature') || session.roles.includes('party_group');

  return (
    <ListPage<ItemSummary>
      title={t('items')}
      testId="items"
      path="/api/items"
      rowKey="itemId"
      actions={
        legislatureRole
          ? [
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
            ]
          : []
      }
      done={(result) => navigate(`/items/${(result as { itemId: string }).itemId}`)}
      filters={[
        { name: 'kind', label: t('itemKind'), kind: 'select', options: options(labels.itemKinds) },
        { name: 'stage', label: t('stage'), kind: 'select', options: options(labels.itemStages) },
        { name: 'year', label: t('year'), kind: 'year' },
        { name: 'policyArea', label: t('policyArea'), kind: 'text' },
      ]}
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
  );
}
