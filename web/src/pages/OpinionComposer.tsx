import { Alert, App, Button, Card, Form, Input, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, SubmissionDetail } from '../api';
import { defineText, useI18n } from '../i18n';
import { showProblem } from '../problems';
import { navigate } from '../router';
import { useWorkspace } from '../workspace';

const useText = defineText({
  title: { zh: '起草答复意见', en: 'Compose the opinion' },
  noteTitle: { zh: '阅知报告', en: 'Note the report' },
  on: { zh: '答复事项', en: 'In reply to' },
  opinionNumber: { zh: '意见文号', en: 'Document number of the opinion' },
  outcome: { zh: '办理结果', en: 'Outcome' },
  points: { zh: '意见要点（逐条编号）', en: 'Numbered points' },
  point: { zh: '第{n}条', en: 'Point {n}' },
  addPoint: { zh: '增加一条', en: 'Add a point' },
  moveUp: { zh: '上移第{n}条', en: 'Move point {n} up' },
  moveDown: { zh: '下移第{n}条', en: 'Move point {n} down' },
  remove: { zh: '删除第{n}条', en: 'Remove point {n}' },
  issue: { zh: '印发意见', en: 'Issue the opinion' },
  notOpen: {
    zh: '此件当前不能出具意见',
    en: 'No opinion can be issued on this submission now',
  },
  noPoints: {
    zh: '“同意”“不同意”“阅知”可不列要点；不列要点的意见印发即办结。',
    en: 'Approved, not approved and noted need no points; an opinion without points closes the submission.',
  },
});

interface OpinionValues {
  documentNumber: string;
  outcome: string;
  points: { text?: string }[];
}

/**
 * The committee office's opinion composer: an outcome (those the API offers for a request or a
 * report) and numbered points, added, removed and reordered; numbers follow the order. What the
 * API refuses is shown beside the field it names.
 */
export function OpinionComposerPage({ submissionId }: { submissionId: string }) {
  const { t, label } = useI18n();
  const text = useText();
  const { api, labels } = useWorkspace();
  const { message } = App.useApp();
  const [form] = Form.useForm<OpinionValues>();
  const [detail, setDetail] = useState<SubmissionDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const thread = `/submissions/${submissionId}`;

  useEffect(() => {
    api.get<SubmissionDetail>(`/api${thread}`).then(setDetail, (error: unknown) => {
      if (error instanceof ApiError) setMissing(true);
    });
  }, [api, thread]);

  async function issue(values: OpinionValues) {
    setBusy(true);
    setUnplaced([]);
    try {
      await api.post(`/api${thread}/opinion`, {
        documentNumber: values.documentNumber,
        outcome: values.outcome,
        points: (values.points ?? []).map((p, i) => ({ number: i + 1, text: p.text ?? '' })),
      });
      message.success(t('done'));
      navigate(thread);
    } catch (error) {
      setUnplaced(showProblem(form, error));
    } finally {
      setBusy(false);
    }
  }

  if (missing) return <Alert type="warning" showIcon title={t('notFound')} />;
  if (!detail) return <Spin />;
  const isReport = detail.kind === 'report';
  const outcomes = isReport ? labels.reportOutcomes : labels.requestOutcomes;
  const n = (key: 'point' | 'moveUp' | 'moveDown' | 'remove', i: number) =>
    text(key).replace('{n}', String(i + 1));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 880 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {isReport ? text('noteTitle') : text('title')}
      </Typography.Title>
      <Typography.Text>
        {text('on')}：
        <a
          href={thread}
          onClick={(e) => {
            e.preventDefault();
            navigate(thread);
          }}
        >
          {detail.title}
        </a>{' '}
        {detail.documentNumber}
      </Typography.Text>
      {!detail.openSteps.includes('issue_opinion') ? (
        <Alert type="info" showIcon title={text('notOpen')} />
      ) : (
        <Card>
          <Form<OpinionValues>
            form={form}
            layout="vertical"
            data-testid="opinion-composer"
            initialValues={{ points: isReport ? [] : [{ text: '' }] }}
            onFinish={(v) => void issue(v)}
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
            <Space wrap size="large">
              <Form.Item
                label={text('opinionNumber')}
                name="documentNumber"
                rules={[{ required: true, message: t('required') }]}
              >
                <Input style={{ width: 280 }} maxLength={100} placeholder="长委办函〔2025〕21号" />
              </Form.Item>
              <Form.Item
                label={text('outcome')}
                name="outcome"
                rules={[{ required: true, message: t('required') }]}
              >
                <Select
                  style={{ width: 280 }}
                  options={Object.entries(outcomes).map(([value, l]) => ({
                    value,
                    label: label(l),
                  }))}
                />
              </Form.Item>
            </Space>
            <Typography.Paragraph type="secondary">{text('noPoints')}</Typography.Paragraph>
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend style={{ fontSize: 16, fontWeight: 600 }}>{text('points')}</legend>
              <Form.List name="points">
                {(fields, { add, remove, move }, { errors }) => (
                  <>
                    {fields.map((field, i) => (
                      <div
                        key={field.key}
                        data-testid={`composer-point-${i + 1}`}
                        style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}
                      >
                        <Form.Item
                          label={n('point', i)}
                          name={[field.name, 'text']}
                          style={{ flex: 1, marginBottom: 12 }}
                        >
                          <Input.TextArea rows={2} maxLength={10000} />
                        </Form.Item>
                        <Space style={{ marginTop: 30 }}>
                          <Button
                            size="small"
                            aria-label={n('moveUp', i)}
                            title={n('moveUp', i)}
                            disabled={i === 0}
                            onClick={() => move(i, i - 1)}
                          >
                            <span aria-hidden="true">↑</span>
                          </Button>
                          <Button
                            size="small"
                            aria-label={n('moveDown', i)}
                            title={n('moveDown', i)}
                            disabled={i === fields.length - 1}
                            onClick={() => move(i, i + 1)}
                          >
                            <span aria-hidden="true">↓</span>
                          </Button>
                          <Button
                            size="small"
                            aria-label={n('remove', i)}
                            title={n('remove', i)}
                            onClick={() => remove(field.name)}
                          >
                            <span aria-hidden="true">✕</span>
                          </Button>
                        </Space>
                      </div>
                    ))}
                    <div className="form-errors">
                      <Form.ErrorList errors={errors} />
                    </div>
                    <Button
                      onClick={() => {
                        add({ text: '' });
                        // A refusal of the list (no points) is answered by adding one.
                        form.setFields([{ name: 'points', errors: [] }]);
                      }}
                      data-testid="add-point"
                    >
                      {text('addPoint')}
                    </Button>
                  </>
                )}
              </Form.List>
            </fieldset>
            <Space style={{ marginTop: 24 }}>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="issue-opinion">
                {text('issue')}
              </Button>
              <Button onClick={() => navigate(thread)}>{t('cancel')}</Button>
            </Space>
          </Form>
        </Card>
      )}
    </Space>
  );
}
