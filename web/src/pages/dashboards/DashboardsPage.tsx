import {
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { useWorkspace } from '../../workspace';
import { ChartCard } from './ChartCard';
import { CHARTS, DashboardFilters, saveBlob } from './dashboard-api';
import { useDashboardText } from './text';
import './dashboards.css';

/**
 * The post-legislation assessment dashboards: every chart under the same filters and the same
 * "as of" day, each with its table and CSV; the whole exported as PNG or printed to PDF.
 */
export default function DashboardsPage() {
  const { lang } = useI18n();
  const text = useDashboardText();
  const { labels } = useWorkspace();
  const [filters, setFilters] = useState<DashboardFilters>({});
  const [region, setRegion] = useState('');
  const set = (patch: Partial<DashboardFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const options = (table: Record<string, { zh: string; en: string }> | undefined) =>
    Object.entries(table ?? {}).map(([value, label]) => ({ value, label: label[lang] }));

  const exportPng = async () => {
    const { dashboardPng } = await import('../../charts/DashboardChart');
    const stamp = filters.asOf ?? dayjs().format('YYYY-MM-DD');
    saveBlob(
      await dashboardPng(CHARTS, `${text('heading')}（${stamp}）`),
      `dashboard-${stamp}.png`,
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {text('heading')}
          {filters.asOf ? `（${text('asOf')} ${filters.asOf}）` : ''}
        </Typography.Title>
        <Space className="no-print">
          <Button onClick={() => void exportPng()}>{text('exportPng')}</Button>
          <Button onClick={() => window.print()}>{text('exportPdf')}</Button>
        </Space>
      </Space>
      <Form layout="inline" className="no-print" aria-label={text('heading')}>
        <Form.Item label={text('level')} htmlFor="dashboard-level">
          <Select
            id="dashboard-level"
            allowClear
            placeholder={text('all')}
            style={{ width: 180 }}
            value={filters.level}
            onChange={(value?: string) => set({ level: value })}
            options={options(labels.administrativeLevels)}
          />
        </Form.Item>
        <Form.Item label={text('region')} htmlFor="dashboard-region">
          <Input
            id="dashboard-region"
            placeholder={text('regionHelp')}
            style={{ width: 160 }}
            value={region}
            maxLength={6}
            onChange={(e) => {
              const value = e.target.value.replace(/\D/g, '');
              setRegion(value);
              if (value.length === 6 || value.length === 0) set({ regionCode: value || undefined });
            }}
          />
        </Form.Item>
        <Form.Item label={text('year')} htmlFor="dashboard-year">
          <InputNumber
            id="dashboard-year"
            min={1949}
            max={2100}
            placeholder={text('all')}
            value={filters.year ?? null}
            onChange={(value) => set({ year: typeof value === 'number' ? value : undefined })}
          />
        </Form.Item>
        <Form.Item label={text('category')} htmlFor="dashboard-category">
          <Select
            id="dashboard-category"
            allowClear
            placeholder={text('all')}
            style={{ width: 200 }}
            value={filters.category}
            onChange={(value?: string) => set({ category: value })}
            options={options(labels.categories)}
          />
        </Form.Item>
        <Form.Item label={text('asOf')} htmlFor="dashboard-as-of">
          <DatePicker
            id="dashboard-as-of"
            placeholder={text('live')}
            value={filters.asOf ? dayjs(filters.asOf) : null}
            onChange={(day) => set({ asOf: day ? day.format('YYYY-MM-DD') : undefined })}
          />
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => {
              setFilters({});
              setRegion('');
            }}
          >
            {text('reset')}
          </Button>
        </Form.Item>
      </Form>
      <Row gutter={[16, 16]}>
        {CHARTS.map((name) => (
          <Col key={name} xs={24} xl={12}>
            <ChartCard name={name} filters={filters} />
          </Col>
        ))}
      </Row>
    </Space>
  );
}
