import { Button, Card, Space, Spin, Typography } from 'antd';
import { Suspense, lazy, useEffect, useState } from 'react';
import { Page, SubmissionSummary } from '../api';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { useWorkspace } from '../workspace';
import { SubmissionTable } from './SubmissionTable';

// ECharts is loaded only when a chart is asked for: its own chunk, never in the first page.
const StatusChart = lazy(() => import('../charts/StatusChart'));

/** The Party group's / legislature's outbox: drafts and what was sent, overdue first. */
export function OutboxPage() {
  const { t } = useI18n();
  const { api } = useWorkspace();
  const [rows, setRows] = useState<SubmissionSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [chart, setChart] = useState(false);

  useEffect(() => {
    setLoading(true);
    api
      .get<Page<SubmissionSummary>>('/api/outbox?limit=100')
      .then((page) => setRows(page.items))
      .finally(() => setLoading(false));
  }, [api]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('outbox')}
        </Typography.Title>
        <Space>
          <Button onClick={() => setChart((c) => !c)} aria-pressed={chart}>
            {t('showChart')}
          </Button>
          <Button type="primary" onClick={() => navigate('/compose')}>
            {t('compose')}
          </Button>
        </Space>
      </Space>
      {chart && (
        <Card>
          <Suspense fallback={<Spin description={t('chartLoading')} />}>
            <StatusChart rows={rows} />
          </Suspense>
        </Card>
      )}
      <SubmissionTable rows={rows} loading={loading} testId="outbox" />
    </Space>
  );
}
