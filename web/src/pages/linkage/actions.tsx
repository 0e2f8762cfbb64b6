/**
 * The linkage workspaces' actions: the steps open to the user as buttons, each opening one
 * dialog (StepDialog) built from a field list, checked in the browser and again by the API,
 * whose refusals are shown beside the fields they name.
 */
import { App, Button, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { ReactNode, useState } from 'react';
import { StepDialog } from '../StepDialog';
import { useText } from './text';

export interface Option {
  value: string;
  label: string;
}

/**
 * One field of a dialog. Its name is the body's field as the API names it, a path for a nested
 * one (`['added', 0, 'itemId']`), so that a refusal naming `added[0].itemId` is shown beside it.
 */
export type Field = { name: string | (string | number)[]; label: string; required?: boolean } & (
  | { kind: 'text' | 'textarea'; hint?: string; max?: number }
  /** `notBefore`: the date field this day may not precede (an inspection's last day). */
  | { kind: 'date'; notBefore?: string }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'select' | 'tags' | 'multiple'; options: Option[] }
);

export interface ActionSpec {
  key: string;
  label: string;
  fields: Field[];
  initial?: Record<string, unknown>;
  /** Posts the command; the values have dates as YYYY-MM-DD. */
  run(values: Record<string, unknown>): Promise<unknown>;
}

/** The day a date field holds, as the API takes it. */
const dayOf = (value: unknown) =>
  value && typeof (value as Dayjs).format === 'function'
    ? (value as Dayjs).format('YYYY-MM-DD')
    : value;

/**
 * The steps open to the user as buttons, each opening its dialog; after a step succeeds, `done`
 * gets what the API answered (to reload the record, or open the one created). Only the steps
 * given are shown: the page asks the API which are open (`openSteps`), and the API decides again.
 */
export function ActionBar({
  actions,
  done,
}: {
  actions: ActionSpec[];
  done: (result: unknown) => void;
}) {
  const t = useText();
  const { message } = App.useApp();
  const [open, setOpen] = useState<ActionSpec | null>(null);

  if (actions.length === 0) return <Typography.Text>{t('noActions')}</Typography.Text>;
  return (
    <>
      <Space wrap>
        {actions.map((action) => (
          <Button
            key={action.key}
            type="primary"
            data-testid={`action-${action.key}`}
            onClick={() => setOpen(action)}
          >
            {action.label}
          </Button>
        ))}
      </Space>
      {open && (
        <StepDialog<Record<string, unknown>>
          open
          title={open.label}
          testId={`dialog-${open.key}`}
          initialValues={open.initial}
          submit={(values) =>
            open.run(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, dayOf(v)])))
          }
          onClose={(succeeded, result) => {
            setOpen(null);
            if (!succeeded) return;
            message.success(t('done'));
            done(result);
          }}
        >
          {open.fields.map((field) => (
            <FieldItem key={String(field.name)} field={field} />
          ))}
        </StepDialog>
      )}
    </>
  );
}

function FieldItem({ field }: { field: Field }) {
  const t = useText();
  const rules: Rule[] = field.required ? [{ required: true, message: t('required') }] : [];
  const after = field.kind === 'date' ? field.notBefore : undefined;
  if (after)
    rules.push(({ getFieldValue }) => ({
      validator: (_, day: Dayjs | undefined) => {
        const from = getFieldValue(after) as Dayjs | undefined;
        return !day || !from || !day.isBefore(from, 'day')
          ? Promise.resolve()
          : Promise.reject(new Error(t('notBeforeStart')));
      },
    }));
  return (
    <Form.Item
      label={field.label}
      name={field.name}
      rules={rules}
      dependencies={after ? [after] : undefined}
    >
      {fieldInput(field)}
    </Form.Item>
  );
}

function fieldInput(field: Field): ReactNode {
  switch (field.kind) {
    case 'text':
      return <Input maxLength={field.max ?? 300} placeholder={field.hint} />;
    case 'textarea':
      return <Input.TextArea rows={4} maxLength={field.max ?? 4000} placeholder={field.hint} />;
    case 'date':
      return <DatePicker />;
    case 'number':
      return <InputNumber min={field.min ?? 0} max={field.max} />;
    case 'select':
      return <Select options={field.options} allowClear={!field.required} />;
    case 'tags':
      return <Select mode="tags" options={field.options} />;
    case 'multiple':
      return <Select mode="multiple" options={field.options} />;
  }
}
