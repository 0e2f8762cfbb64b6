import { Alert, Button, Card, Segmented, Space, Spin, Statistic, Table, Typography } from 'antd';
import { Suspense, lazy, useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { useWorkspace } from '../../workspace';
import {
  ChartName,
  DashboardAnswer,
  DashboardFilters,
  downloadCsv,
  fetchChart,
  valueText,
} from './dashboard-api';
import { useDashboardText } from './text';

// ECharts is loaded only when a chart is drawn: its own chunk, never in the first page.
const DashboardChart = lazy(() => import('../../charts/DashboardChart'));

const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)}%`;

/** One chart of the dashboard: the chart, or its table; the same figures as CSV. */
export function ChartCard({ name, filters }: { name: ChartName; filters: DashboardFilters }) {
  const { lang, t } = useI18n();
  const text = useDashboardText();
  const { api, labels, session } = useWorkspace();
  const [answer, setAnswer] = useState<DashboardAnswer | null>(null);
  const [failed, setFailed] = useState(false);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const [groupBy, setGroupBy] = useState('year');
  const query = name === 'adoption' ? { ...filters, groupBy } : filters;
  const key = JSON.stringify(query);

  useEffect(() => {
    let current = true;
    setFailed(false);
    fetchChart(api, name, JSON.parse(key) as DashboardFilters).then(
      (next) => current && setAnswer(next),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [api, name, key]);

  const title = text(name);
  const columns = (answer?.columns ?? []).map((column) => ({
    key: column.key,
    dataIndex: column.key,
    title: column[lang],
    render: (value: string | number | null) =>
      answer ? valueText(column, value, answer, labels, lang) : '',
  }));
  const summary = answer?.summary;
  const stat = (key: string) => summary?.[key] as Record<string, number | null> | undefined;

  return (
    <Card
      className="dashboard-card"
      data-testid={`card-${name}`}
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {title}
        </Typography.Title>
      }
      extra={
        <Space className="no-print" wrap>
          {name === 'adoption' && (
            <Segmented
              aria-label={text('groupBy')}
              value={groupBy}
              onChange={(value) => setGroupBy(String(value))}
              options={[
                { label: text('byYear'), value: 'year' },
                { label: text('byCategory'), value: 'category' },
                { label: text('byBody'), value: 'body' },
              ]}
            />
          )}
          <Segmented
            aria-label={`${title}: ${text('view')}`}
            value={view}
            onChange={(value) => setView(value as 'chart' | 'table')}
            options={[
              { label: text('chart'), value: 'chart' },
              { label: text('table'), value: 'table' },
            ]}
          />
          <Button
            onClick={() => void downloadCsv(session.token, name, query, lang)}
            aria-label={`${title}: ${text('csv')}`}
          >
            {text('csv')}
          </Button>
        </Space>
      }
    >
      {failed && <Alert type="error" title={text('loadFailed')} />}
      {!answer && !failed && <Spin />}
      {answer && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {name === 'timeliness' && (
            <Space size="large">
              <Statistic title={text('onTimeReply')} value={percent(stat('reply')?.onTimeShare)} />
              <Statistic
                title={text('onTimeFeedback')}
                value={percent(stat('feedback')?.onTimeShare)}
              />
            </Space>
          )}
          {name === 'overdue' && (
            <Space size="large">
              <Statistic
                title={text('awaitingReply')}
                value={`${stat('reply')?.open ?? 0}（${stat('reply')?.overdue ?? 0}）`}
              />
              <Statistic
                title={text('awaitingFeedback')}
                value={`${stat('feedback')?.open ?? 0}（${stat('feedback')?.overdue ?? 0}）`}
              />
            </Space>
          )}
          {answer.ignoredFilters.length > 0 && (
            <Typography.Text type="secondary">
              {text('ignored')}
              {answer.ignoredFilters.map(() => text('category')).join('、')}
            </Typography.Text>
          )}
          {view === 'chart' ? (
            answer.rows.every((r) => Number(r.count ?? r.total ?? 0) === 0) ? (
              <Typography.Text type="secondary">{text('noData')}</Typography.Text>
            ) : (
              <Suspense fallback={<Spin description={t('chartLoading')} />}>
                <DashboardChart
                  name={name}
                  title={title}
                  answer={answer}
                  labels={labels}
                  lang={lang}
                />
              </Suspense>
            )
          ) : null}
          <div className={view === 'chart' ? 'print-only' : undefined}>
            <Table
              data-testid={`table-${name}`}
              size="small"
              pagination={false}
              columns={columns}
              dataSource={answer.rows.map((row, n) => ({ ...row, key: n }))}
              locale={{ emptyText: text('noData') }}
            />
          </div>
        </Space>
      )}
    </Card>
  );
}
