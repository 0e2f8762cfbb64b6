import { Card, List, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { beijingDateTime } from '../../format';
import { useWorkspace } from '../../workspace';
import { ActionBar } from './actions';
import { PageLink, sectionTitle } from './shared';
import { useText } from './text';
import { LinkView } from './types';

const PATHS: Record<string, (id: string) => string> = {
  decision: (id) => `/decisions/${id}`,
  item: (id) => `/items/${id}`,
  proposal: (id) => `/proposals/${id}`,
  submission: (id) => `/submissions/${id}`,
};

/**
 * The links at one end of a record: the other end, type, rationale and when; removed ones
 * with their reason. `mayRemove` says which active links the user may remove (the side that
 * established them; the API decides again), each with its reason.
 */
export function LinksCard({
  links,
  self,
  names,
  mayRemove,
  changed,
}: {
  links: LinkView[];
  self: string;
  names: Record<string, string>;
  mayRemove: (link: LinkView) => boolean;
  changed: () => void;
}) {
  const t = useText();
  const { label, lang } = useI18n();
  const { api, labels } = useWorkspace();
  return (
    <Card title={sectionTitle(t('links'))}>
      <List
        data-testid="links"
        dataSource={links}
        locale={{ emptyText: t('empty') }}
        renderItem={(link) => {
          const other = link.from.id === self ? link.to : link.from;
          const path = PATHS[other.kind]?.(other.id);
          const name = names[other.id] ?? other.id;
          const removed = link.active === false;
          return (
            <List.Item data-testid={`link-${link.linkId}`}>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Tag>{label(labels.linkTypes[link.type], link.type)}</Tag>
                  <span>{label(labels.linkedRecordKinds[other.kind], other.kind)}：</span>
                  {path ? <PageLink to={path}>{name}</PageLink> : name}
                  {removed && <Tag color="default">{t('removed')}</Tag>}
                </Space>
                <Typography.Text>
                  {t('rationale')}：{link.rationale}（{beijingDateTime(link.establishedAt, lang)}{' '}
                  {t('beijingTime')}）
                </Typography.Text>
                {removed && (
                  <Typography.Text>
                    {t('reason')}：{link.removalReason}（{beijingDateTime(link.removedAt, lang)}）
                  </Typography.Text>
                )}
                {!removed && mayRemove(link) && (
                  <ActionBar
                    actions={[
                      {
                        key: `unlink-${link.linkId}`,
                        label: t('unlink'),
                        fields: [
                          { name: 'reason', label: t('reason'), kind: 'textarea', required: true },
                        ],
                        run: (values) => api.post(`/api/links/${link.linkId}/removal`, values),
                      },
                    ]}
                    done={changed}
                  />
                )}
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
