import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, OpinionPoint, SubmissionDetail } from '../api';
import { defineText, useI18n } from '../i18n';
import { showProblem } from '../problems';
import { navigate } from '../router';
import { useWorkspace } from '../workspace';
import { PointView } from './Thread';

const useText = defineText({
  title: { zh: '逐条反馈落实情况', en: 'Feedback point by point' },
  on: { zh: '答复意见', en: 'On the opinion' },
  point: { zh: '第{n}条意见', en: 'Point {n}' },
  adoption: { zh: '采纳情况', en: 'Adoption' },
  explanation: { zh: '说明（未全部采纳时必填）', en: 'Explanation (unless adopted in full)' },
  readingNumber: { zh: '审议次数', en: 'Reading' },
  articles: {
    zh: '落实条款（如 art_12/para_2，回车分隔）',
    en: 'Articles (such as art_12/para_2; Enter after each)',
  },
  give: { zh: '提交第{n}条反馈', en: 'Give feedback on point {n}' },
  revise: { zh: '修订第{n}条反馈', en: 'Revise feedback on point {n}' },
  notOpen: { zh: '当前不能反馈', en: 'No feedback can be given now' },
  backToThread: { zh: '返回办理过程', en: 'Back to the thread' },
});

interface FeedbackValues {
  adoption: string;
  explanation?: string;
  readingNumber?: number | null;
  articles?: string[];
}

/**
 * The submitting side feeds back on each point of the opinion: how it was adopted, in which
 * reading and articles; and revises that feedback as the item moves on. Each point has its own
 * form; what the API refuses is shown beside the field it names.
 */
export function FeedbackPage({ submissionId }: { submissionId: string }) {
  const { t } = useI18n();
  const text = useText();
  const { api } = useWorkspace();
  const [detail, setDetail] = useState<SubmissionDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const thread = `/submissions/${submissionId}`;

  const load = useCallback(
    () =>
      api.get<SubmissionDetail>(`/api${thread}`).then(setDetail, (error: unknown) => {
        if (error instanceof ApiError) setMissing(true);
      }),
    [api, thread],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (missing) return <Alert type="warning" showIcon title={t('notFound')} />;
  if (!detail) return <Spin />;
  const points = detail.opinion?.points ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 880 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {text('title')}
      </Typography.Title>
      <Typography.Text>
        {text('on')}：{detail.opinion?.documentNumber}（
        <a
          href={thread}
          onClick={(e) => {
            e.preventDefault();
            navigate(thread);
          }}
        >
          {detail.title}
        </a>
        ）
      </Typography.Text>
      {points.length === 0 && <Alert type="info" showIcon title={text('notOpen')} />}
      {points.map((point) => (
        <PointFeedback
          // A new revision starts its form afresh: its values, no refusal left over.
          key={`${point.number}:${point.feedback?.revisionNumber ?? 'none'}`}
          point={point}
          detail={detail}
          onDone={() => void load()}
          text={text}
        />
      ))}
      <Button onClick={() => navigate(thread)}>{text('backToThread')}</Button>
    </Space>
  );
}

function PointFeedback({
  point,
  detail,
  onDone,
  text,
}: {
  point: OpinionPoint;
  detail: SubmissionDetail;
  onDone(): void;
  text: ReturnType<typeof useText>;
}) {
  const { t, label } = useI18n();
  const { api, labels } = useWorkspace();
  const { message } = App.useApp();
  const [form] = Form.useForm<FeedbackValues>();
  const [busy, setBusy] = useState(false);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const revising = point.feedback !== null;
  const step = revising ? 'revise_feedback' : 'give_feedback';
  const mayAct = detail.openSteps.includes(step);
  const n = (key: 'point' | 'give' | 'revise') => text(key).replace('{n}', String(point.number));

  async function send(values: FeedbackValues) {
    setBusy(true);
    setUnplaced([]);
    const path = revising ? 'feedback-revisions' : 'feedback';
    try {
      await api.post(
        `/api/submissions/${detail.submissionId}/opinion/points/${point.number}/${path}`,
        {
          adoption: values.adoption,
          ...(values.explanation?.trim() ? { explanation: values.explanation } : {}),
          ...(values.readingNumber ? { readingNumber: values.readingNumber } : {}),
          articles: values.articles ?? [],
        },
      );
      message.success(t('done'));
      onDone();
    } catch (error) {
      setUnplaced(showProblem(form, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{n('point')}</h2>}
      data-testid={`feedback-point-${point.number}`}
    >
      <ol start={point.number} style={{ paddingLeft: 20 }}>
        <PointView point={point} />
      </ol>
      {mayAct && (
        <Form<FeedbackValues>
          form={form}
          name={`feedback-${point.number}`}
          layout="vertical"
          initialValues={
            point.feedback
              ? {
                  adoption: point.feedback.adoption,
                  explanation: point.feedback.explanation ?? undefined,
                  readingNumber: point.feedback.readingNumber,
                  articles: point.feedback.articles,
                }
              : { articles: [] }
          }
          onFinish={(v) => void send(v)}
          data-testid={`feedback-form-${point.number}`}
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
          <Space wrap size="large" align="start">
            <Form.Item
              label={text('adoption')}
              name="adoption"
              rules={[{ required: true, message: t('required') }]}
            >
              <Select
                style={{ width: 200 }}
                options={Object.entries(labels.adoptions).map(([value, l]) => ({
                  value,
                  label: label(l),
                }))}
              />
            </Form.Item>
            <Form.Item label={text('readingNumber')} name="readingNumber">
              <InputNumber min={1} max={100} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item label={text('explanation')} name="explanation">
            <Input.TextArea rows={2} maxLength={10000} />
          </Form.Item>
          <Form.Item label={text('articles')} name="articles">
            <Select mode="tags" open={false} suffixIcon={null} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {revising ? n('revise') : n('give')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
