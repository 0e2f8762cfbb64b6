import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Organisation, Page, SubmissionDetail } from '../api';
import { defineText, useI18n } from '../i18n';
import { showProblem } from '../problems';
import { navigate } from '../router';
import { useWorkspace } from '../workspace';

interface ComposeValues {
  kind: string;
  category: string;
  title: string;
  documentNumber?: string;
  summary: string;
  body: string;
  classification: string;
  replyRequestedBy?: Dayjs;
  addressedCommitteeId: string;
}

const useText = defineText({
  revision: { zh: '修改后再报（起草修改稿）', en: 'Draft a revision to resubmit' },
  replaces: { zh: '替代', en: 'Replaces' },
});

/**
 * Compose a request (请示) or report (报告) to the Party Committee at the same level; or, with
 * `replaces`, a revision of one sent back or withdrawn, starting from its text.
 */
export function ComposePage({ replaces }: { replaces?: string } = {}) {
  const { t, label, lang } = useI18n();
  const text = useText();
  const { api, labels, session } = useWorkspace();
  const { message } = App.useApp();
  const [form] = Form.useForm<ComposeValues>();
  const [committees, setCommittees] = useState<Organisation[]>([]);
  const [saving, setSaving] = useState(false);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [replaced, setReplaced] = useState<SubmissionDetail | null>(null);

  useEffect(() => {
    if (!replaces) return;
    void api.get<SubmissionDetail>(`/api/submissions/${replaces}`).then((old) => {
      setReplaced(old);
      form.setFieldsValue({
        kind: old.kind,
        category: old.category,
        title: old.title,
        summary: old.summary,
        body: old.body,
        classification: old.classification,
        addressedCommitteeId: old.addressedCommitteeId,
        replyRequestedBy: old.replyRequestedBy ? dayjs(old.replyRequestedBy) : undefined,
      });
    });
  }, [api, replaces, form]);

  useEffect(() => {
    // The Party Committee of the caller's own region is the only addressee.
    void (async () => {
      const own = await api.get<Organisation>(`/api/organisations/${session.organisationId}`);
      const page = await api.get<Page<Organisation>>(
        `/api/organisations?regionCode=${own.regionCode}&limit=100`,
      );
      const found = page.items.filter((o) => o.kind === 'party_committee');
      setCommittees(found);
      if (found.length === 1) form.setFieldValue('addressedCommitteeId', found[0].organisationId);
    })();
  }, [api, session.organisationId, form]);

  async function save(values: ComposeValues) {
    setSaving(true);
    setUnplaced([]);
    try {
      const path = replaces ? `/api/submissions/${replaces}/revisions` : '/api/submissions';
      const created = await api.post<{ submissionId: string }>(path, {
        kind: values.kind,
        category: values.category,
        title: values.title,
        summary: values.summary,
        body: values.body,
        classification: values.classification,
        addressedCommitteeId: values.addressedCommitteeId,
        ...(values.documentNumber ? { documentNumber: values.documentNumber } : {}),
        ...(values.replyRequestedBy
          ? { replyRequestedBy: values.replyRequestedBy.format('YYYY-MM-DD') }
          : {}),
      });
      message.success(t('done'));
      navigate(`/submissions/${created.submissionId}`);
    } catch (error) {
      setUnplaced(showProblem(form, error));
    } finally {
      setSaving(false);
    }
  }

  const options = (table: Record<string, { zh: string; en: string }>) =>
    Object.entries(table).map(([value, l]) => ({ value, label: label(l) }));
  const required = [{ required: true, message: t('required') }];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 880 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {replaces ? text('revision') : t('compose')}
      </Typography.Title>
      {replaced && (
        <Typography.Text>
          {text('replaces')}：{replaced.title} {replaced.documentNumber}
        </Typography.Text>
      )}
      <Card>
        <Form<ComposeValues>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'request', classification: 'internal' }}
          onFinish={(v) => void save(v)}
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
            <Form.Item label={t('kind')} name="kind" rules={required}>
              <Select style={{ width: 160 }} options={options(labels.kinds)} />
            </Form.Item>
            <Form.Item label={t('category')} name="category" rules={required}>
              <Select
                style={{ width: 280 }}
                options={options(labels.categories)}
                data-testid="category"
              />
            </Form.Item>
            <Form.Item label={t('classification')} name="classification" rules={required}>
              <Select style={{ width: 160 }} options={options(labels.classifications)} />
            </Form.Item>
            <Form.Item label={t('addressee')} name="addressedCommitteeId" rules={required}>
              <Select
                style={{ width: 280 }}
                options={committees.map((c) => ({
                  value: c.organisationId,
                  label: lang === 'zh' ? c.nameZh : c.nameEn,
                }))}
              />
            </Form.Item>
          </Space>
          <Form.Item label={t('title')} name="title" rules={required}>
            <Input maxLength={300} />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item label={t('documentNumber')} name="documentNumber">
              <Input style={{ width: 280 }} maxLength={100} placeholder="吉人党字〔2025〕3号" />
            </Form.Item>
            <Form.Item label={t('replyRequestedBy')} name="replyRequestedBy">
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item label={t('summary')} name="summary" rules={required}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <Form.Item label={t('body')} name="body" rules={required}>
            <Input.TextArea rows={8} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('saveDraft')}
            </Button>
            <Button onClick={() => navigate('/outbox')}>{t('cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}
