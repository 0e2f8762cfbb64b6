import { Alert, Form, FormInstance, Modal } from 'antd';
import { ReactNode, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { showProblem } from '../problems';

/**
 * A step taken in a dialog: its form, sent by `submit`; what the API refuses is shown beside the
 * field it names (or above the form when no field shows it), and the dialog stays open. Closed
 * after success with what `submit` answered.
 */
export function StepDialog<V extends object>({
  title,
  open,
  onClose,
  submit,
  initialValues,
  children,
  testId,
}: {
  title: string;
  open: boolean;
  onClose(done: boolean, result?: unknown): void;
  submit(values: V): Promise<unknown>;
  initialValues?: Partial<V>;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  testId: string;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  // One command per dialog: a second OK while the first is on its way does nothing.
  const sending = useRef(false);
  const [unplaced, setUnplaced] = useState<string[]>([]);

  async function finish(values: V) {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setUnplaced([]);
    try {
      const result = await submit(values);
      form.resetFields();
      onClose(true, result);
    } catch (error) {
      setUnplaced(showProblem(form, error));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onCancel={() => {
        setUnplaced([]);
        onClose(false);
      }}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': `${testId}-ok` } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <Form<V>
        form={form}
        name={testId}
        layout="vertical"
        initialValues={initialValues}
        // Enter in a field takes its value (a typed day) but does not send: the browser would
        // submit a form with one text input on Enter, so a dialog with one day would be sent
        // half-read while one with two fields would not. Saving is always the OK button.
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT')
            e.preventDefault();
        }}
        onFinish={(values) => void finish(values)}
        data-testid={testId}
      >
        {unplaced.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={t('failed')}
            description={unplaced.join('；')}
          />
        )}
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
