import { Table, Tag } from 'antd';
import { SubmissionSummary } from '../api';
import { beijingDateTime, dueSoon } from '../format';
import { useI18n } from '../i18n';
import { navigate } from '../router';

/** A box's submissions as the API orders them: overdue first, then soonest due. */
export function SubmissionTable({
  rows,
  loading,
  testId,
}: {
  rows: SubmissionSummary[];
  loading: boolean;
  testId: string;
}) {
  const { t, label, lang } = useI18n();
  return (
    <Table<SubmissionSummary>
      data-testid={testId}
      rowKey="submissionId"
      loading={loading}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t('empty') }}
      rowClassName={(r) => (r.overdue ? 'row-overdue' : dueSoon(r.dueBy) ? 'row-due-soon' : '')}
      columns={[
        {
          title: t('title'),
          dataIndex: 'title',
          render: (_: unknown, r) => (
            <a
              href={`/submissions/${r.submissionId}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/submissions/${r.submissionId}`);
              }}
            >
              {r.title}
            </a>
          ),
        },
        {
          title: t('documentNumber'),
          dataIndex: 'documentNumber',
          render: (v: string | null) => v ?? '—',
        },
        {
          title: t('category'),
          dataIndex: 'category',
          render: (_: unknown, r) => label(r.categoryLabel),
        },
        {
          title: t('status'),
          dataIndex: 'status',
          render: (_: unknown, r) => <Tag>{label(r.statusLabel)}</Tag>,
        },
        {
          title: t('dueBy'),
          dataIndex: 'dueBy',
          render: (_: unknown, r) => (
            <span>
              {r.dueBy ?? '—'}{' '}
              {r.overdue ? (
                <Tag className="tag-overdue">{t('overdue')}</Tag>
              ) : dueSoon(r.dueBy) ? (
                <Tag className="tag-due-soon">{t('dueSoon')}</Tag>
              ) : null}
            </span>
          ),
        },
        {
          title: (
            <span>
              {t('submittedAt')} {t('beijingTime')}
            </span>
          ),
          dataIndex: 'submittedAt',
          render: (_: unknown, r) => beijingDateTime(r.submittedAt ?? r.createdAt, lang),
        },
      ]}
    />
  );
}
