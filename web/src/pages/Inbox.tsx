import { Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Page, SubmissionSummary } from '../api';
import { useI18n } from '../i18n';
import { useWorkspace } from '../workspace';
import { SubmissionTable } from './SubmissionTable';

/** The committee office's inbox: overdue first, due soon highlighted. */
export function InboxPage() {
  const { t } = useI18n();
  const { api } = useWorkspace();
  const [rows, setRows] = useState<SubmissionSummary[]>([]);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    setLoading(true);
    api
      .get<Page<SubmissionSummary>>('/api/inbox?limit=100')
      .then((page) => setRows(page.items))
      .finally(() => setLoading(false));
  }, [api]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('inbox')}
      </Typography.Title>
      <SubmissionTable rows={rows} loading={loading} testId="inbox" />
    </Space>
  );
}
