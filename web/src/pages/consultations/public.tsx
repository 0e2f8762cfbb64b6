/**
 * The pages the public opens without an account (公开征求意见): a consultation's draft with the
 * form for an opinion (a receipt code back) and its noticeboard (公示栏), and the receipt lookup
 * that shows what became of one's opinion. Nothing here needs or shows personal data beyond what
 * the person types into the form.
 */
import { Alert, Button, Card, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Api, ApiError, Label, Labels } from '../../api';
import { beijingDateTime } from '../../format';
import { defineText, useI18n } from '../../i18n';
import { showProblem } from '../../problems';
import { navigate } from '../../router';

const useText = defineText({
  draft: { zh: '草案条文', en: 'The draft' },
  window: { zh: '征求意见期限', en: 'Open for opinions' },
  closed: { zh: '本次征求意见已结束', en: 'This consultation has closed' },
  give: { zh: '提出意见', en: 'Give your opinion' },
  text: { zh: '意见内容', en: 'Your opinion' },
  articles: { zh: '涉及条文', en: 'Articles concerned' },
  name: { zh: '姓名（选填）', en: 'Name (optional)' },
  phone: { zh: '联系电话（选填）', en: 'Phone (optional)' },
  contactHelp: {
    zh: '联系方式仅用于告知意见采纳情况，加密保存，可凭回执码申请删除。',
    en: 'Contact details only serve to tell you back; they are kept encrypted, and you can have them erased with your receipt code.',
  },
  submit: { zh: '提交意见', en: 'Submit' },
  thanks: { zh: '意见已收到，请保存回执码', en: 'Received. Keep your receipt code' },
  receiptHelp: {
    zh: '凭回执码可查询意见的采纳情况。',
    en: 'With the code you can look up what became of your opinion.',
  },
  lookUp: { zh: '查询采纳情况', en: 'Look up what became of it' },
  noticeboard: { zh: '意见采纳公示栏', en: 'Noticeboard of adopted opinions' },
  noticeboardEmpty: { zh: '暂无公示', en: 'Nothing published yet' },
  more: { zh: '更多', en: 'More' },
  reason: { zh: '理由', en: 'Reason' },
  resultingArticle: { zh: '落实条文', en: 'Resulting article' },
  change: { zh: '条文修改', en: 'Change to the text' },
  receiptTitle: { zh: '意见回执查询', en: 'Look up a receipt' },
  code: { zh: '回执码', en: 'Receipt code' },
  find: { zh: '查询', en: 'Look up' },
  consultation: { zh: '征求意见稿', en: 'Consultation' },
  submittedAt: { zh: '提交时间', en: 'Submitted' },
  pending: {
    zh: '意见正在研究处理中，尚未公布采纳情况。',
    en: 'Your opinion is being considered; no outcome has been published yet.',
  },
  noSuchCode: { zh: '没有与该回执码对应的意见', en: 'No opinion has this receipt code' },
  notFound: { zh: '未找到该征求意见', en: 'No such consultation' },
});

interface PublicConsultation {
  consultationId: string;
  title: string;
  versionLabel: string;
  opensAt: string;
  closesAt: string;
  status: 'open' | 'closed';
  articles: { articleId: string; text: string }[];
}

interface Disposition {
  outcome: string;
  reason: string;
  resultingArticleId: string | null;
  textChange: string | null;
}

interface NoticeboardEntry extends Disposition {
  articleIds: string[];
  text: string;
  publishedAt: string;
}

interface Receipt {
  consultationTitle: string;
  submittedAt: string;
  articleIds: string[];
  disposition: Disposition | null;
}

/** No token: these pages are for anyone. */
const api = new Api(null);

function useLabels(): Labels | null {
  const [labels, setLabels] = useState<Labels | null>(null);
  useEffect(() => void api.get<Labels>('/api/labels').then(setLabels), []);
  return labels;
}

/** An outcome and what it changed, in the API's own labels. */
function DispositionBlock({ disposition, labels }: { disposition: Disposition; labels: Labels }) {
  const t = useText();
  const { lang } = useI18n();
  const outcome: Label | undefined = labels.dispositionOutcomes?.[disposition.outcome];
  return (
    <Space orientation="vertical" size={2}>
      {/* A dark green: white text on it meets WCAG AA contrast. */}
      <Tag color={disposition.outcome === 'not_adopted' ? 'default' : '#237804'}>
        {outcome?.[lang] ?? disposition.outcome}
      </Tag>
      {disposition.reason && (
        <Typography.Text>
          {t('reason')}：{disposition.reason}
        </Typography.Text>
      )}
      {disposition.resultingArticleId && (
        <Typography.Text>
          {t('resultingArticle')}：{disposition.resultingArticleId}
        </Typography.Text>
      )}
      {disposition.textChange && (
        <Typography.Text>
          {t('change')}：{disposition.textChange}
        </Typography.Text>
      )}
    </Space>
  );
}

function Noticeboard({ consultationId, labels }: { consultationId: string; labels: Labels }) {
  const t = useText();
  const { lang } = useI18n();
  const [entries, setEntries] = useState<NoticeboardEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const load = useCallback(
    async (after: string | null) => {
      const page = await api.get<{ items: NoticeboardEntry[]; nextCursor: string | null }>(
        `/api/public/consultations/${consultationId}/noticeboard?limit=20${after ? `&cursor=${after}` : ''}`,
      );
      setEntries((shown) => (after ? [...shown, ...page.items] : page.items));
      setCursor(page.nextCursor);
    },
    [consultationId],
  );
  useEffect(() => void load(null), [load]);
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('noticeboard')}</h2>}>
      <List
        data-testid="noticeboard"
        dataSource={entries}
        locale={{ emptyText: t('noticeboardEmpty') }}
        renderItem={(entry) => (
          <List.Item>
            <Space orientation="vertical" size={4}>
              <Typography.Text>{entry.text}</Typography.Text>
              <Typography.Text type="secondary">
                {entry.articleIds.join('、')} · {beijingDateTime(entry.publishedAt, lang)}
              </Typography.Text>
              <DispositionBlock disposition={entry} labels={labels} />
            </Space>
          </List.Item>
        )}
      />
      {cursor && <Button onClick={() => void load(cursor)}>{t('more')}</Button>}
    </Card>
  );
}

export function PublicConsultationPage({ consultationId }: { consultationId: string }) {
  const t = useText();
  const { lang } = useI18n();
  const labels = useLabels();
  const [consultation, setConsultation] = useState<PublicConsultation | null>(null);
  const [missing, setMissing] = useState(false);
  const [receipt, setReceipt] = useState<string | null>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [form] = Form.useForm();

  useEffect(() => {
    api
      .get<PublicConsultation>(`/api/public/consultations/${consultationId}`)
      .then(setConsultation, () => setMissing(true));
  }, [consultationId]);

  if (missing) return <Alert type="warning" showIcon title={t('notFound')} />;
  if (!consultation || !labels) return null;

  async function submit(values: {
    text?: string;
    articleIds?: string[];
    contact?: { name?: string; phone?: string };
  }) {
    // Only what was filled in: an emptied field is not a contact detail.
    const contact = Object.fromEntries(
      Object.entries(values.contact ?? {}).filter(([, value]) => value?.trim()),
    );
    try {
      const answer = await api.post<{ receiptCode: string }>(
        `/api/public/consultations/${consultationId}/opinions`,
        {
          text: values.text ?? '',
          articleIds: values.articleIds ?? [],
          ...(Object.keys(contact).length > 0 ? { contact } : {}),
        },
      );
      setUnplaced([]);
      setReceipt(answer.receiptCode);
      form.resetFields();
    } catch (error) {
      setUnplaced(showProblem(form, error));
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {consultation.title}（{consultation.versionLabel}）
      </Typography.Title>
      <Typography.Text>
        {t('window')}：{beijingDateTime(consultation.opensAt, lang)} —{' '}
        {beijingDateTime(consultation.closesAt, lang)}
      </Typography.Text>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('draft')}</h2>}>
        <List
          dataSource={consultation.articles}
          renderItem={(article) => (
            <List.Item>
              <Typography.Text>
                <Tag>{article.articleId}</Tag>
                {article.text}
              </Typography.Text>
            </List.Item>
          )}
        />
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('give')}</h2>}>
        {consultation.status === 'closed' ? (
          <Alert type="info" showIcon title={t('closed')} />
        ) : (
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
            <Form.Item label={t('text')} name="text">
              <Input.TextArea rows={5} maxLength={5000} showCount />
            </Form.Item>
            <Form.Item label={t('articles')} name="articleIds">
              <Select
                mode="multiple"
                options={consultation.articles.map((a) => ({
                  value: a.articleId,
                  label: a.articleId,
                }))}
              />
            </Form.Item>
            <Typography.Paragraph type="secondary">{t('contactHelp')}</Typography.Paragraph>
            <Space wrap>
              <Form.Item label={t('name')} name={['contact', 'name']}>
                <Input autoComplete="name" />
              </Form.Item>
              <Form.Item label={t('phone')} name={['contact', 'phone']}>
                <Input autoComplete="tel" />
              </Form.Item>
            </Space>
            {unplaced.map((message) => (
              <Alert key={message} type="error" showIcon title={message} />
            ))}
            <div>
              <Button type="primary" htmlType="submit">
                {t('submit')}
              </Button>
            </div>
          </Form>
        )}
        {receipt && (
          <Alert
            style={{ marginTop: 16 }}
            type="success"
            showIcon
            title={t('thanks')}
            description={
              <Space orientation="vertical">
                <Typography.Text copyable strong data-testid="receipt-code">
                  {receipt}
                </Typography.Text>
                <Typography.Text>{t('receiptHelp')}</Typography.Text>
                <Button onClick={() => navigate(`/public/receipts?code=${receipt}`)}>
                  {t('lookUp')}
                </Button>
              </Space>
            }
          />
        )}
      </Card>
      <Noticeboard consultationId={consultationId} labels={labels} />
    </Space>
  );
}

export function PublicReceiptPage() {
  const t = useText();
  const { lang } = useI18n();
  const labels = useLabels();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  // A code of no opinion (shown in the language of the moment), or the API's own words.
  const [problem, setProblem] = useState<'noSuchCode' | string[] | null>(null);
  const [form] = Form.useForm();

  const lookUp = useCallback(
    async (code: string) => {
      setReceipt(null);
      setProblem(null);
      try {
        setReceipt(await api.get<Receipt>(`/api/public/receipts/${encodeURIComponent(code)}`));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) setProblem('noSuchCode');
        else {
          const unplaced = showProblem(form, error);
          setProblem(unplaced.length > 0 ? unplaced : null);
        }
      }
    },
    [form],
  );

  useEffect(() => {
    const code = new URLSearchParams(window.location.search).get('code');
    if (code) {
      form.setFieldsValue({ code });
      void lookUp(code);
    }
  }, [form, lookUp]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('receiptTitle')}
      </Typography.Title>
      <Card>
        <Form form={form} layout="inline" onFinish={(v: { code: string }) => void lookUp(v.code)}>
          <Form.Item label={t('code')} name="code">
            <Input autoComplete="off" spellCheck={false} style={{ width: 260 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('find')}
          </Button>
        </Form>
      </Card>
      {problem && (
        <Alert
          type="warning"
          showIcon
          title={problem === 'noSuchCode' ? t('noSuchCode') : problem.join('；')}
          data-testid="receipt-problem"
        />
      )}
      {receipt && labels && (
        <Card data-testid="receipt">
          <Space orientation="vertical">
            <Typography.Text>
              {t('consultation')}：{receipt.consultationTitle}
            </Typography.Text>
            <Typography.Text>
              {t('submittedAt')}：{beijingDateTime(receipt.submittedAt, lang)}
            </Typography.Text>
            {receipt.disposition ? (
              <DispositionBlock disposition={receipt.disposition} labels={labels} />
            ) : (
              <Typography.Text>{t('pending')}</Typography.Text>
            )}
          </Space>
        </Card>
      )}
    </Space>
  );
}
