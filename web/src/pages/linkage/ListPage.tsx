import { Card, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { ActionBar, ActionSpec, Option } from './actions';
import { MoreButton, PageTitle, queryOf, useKeysetList } from './shared';
import { useText } from './text';

/** One filter of a list page, sent as the query parameter of its name. */
export type Filter = { name: string; label: string } & (
  | { kind: 'select'; options: Option[]; width?: number }
  | { kind: 'text'; width?: number }
  | { kind: 'year' }
);

/**
 * A list page of the linkage workspaces: its title, the actions that create a record, the
 * filters, and the records the user reads, paged by keyset ("more").
 */
export function ListPage<T extends object>({
  title,
  testId,
  path,
  rowKey,
  filters,
  columns,
  actions = [],
  done = () => undefined,
}: {
  title: string;
  testId: string;
  /** The API's list, without query. */
  path: string;
  rowKey: keyof T & string;
  filters: Filter[];
  columns: TableColumnsType<T>;
  actions?: ActionSpec[];
  done?: (result: unknown) => void;
}) {
  const t = useText();
  const [values, setValues] = useState<Record<string, string | number | null>>({});
  const list = useKeysetList<T>(`${path}${queryOf({ limit: 50, ...values })}`);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>{title}</PageTitle>
      {actions.length > 0 && <ActionBar actions={actions} done={done} />}
      <Card size="small">
        <Form
          layout="inline"
          name="filters"
          aria-label={t('filter')}
          onValuesChange={(_, all: Record<string, string | number | null>) => setValues(all)}
        >
          {filters.map((filter) => (
            <Form.Item key={filter.name} label={filter.label} name={filter.name}>
              {filter.kind === 'select' ? (
                <Select
                  allowClear
                  options={filter.options}
                  style={{ width: filter.width ?? 150 }}
                />
              ) : filter.kind === 'text' ? (
                <Input allowClear style={{ width: filter.width ?? 150 }} />
              ) : (
                <InputNumber min={1949} max={2100} style={{ width: 110 }} />
              )}
            </Form.Item>
          ))}
        </Form>
      </Card>
      <Table<T>
        data-testid={testId}
        rowKey={rowKey}
        loading={list.loading}
        dataSource={list.rows}
        pagination={false}
        locale={{ emptyText: t('empty') }}
        columns={columns}
      />
      <MoreButton more={list.more} loading={list.loading} />
    </Space>
  );
}
