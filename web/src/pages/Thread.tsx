import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, Organisation, SubmissionDetail } from '../api';
import { beijingDateTime } from '../format';
import { EVENT_LABELS, useI18n } from '../i18n';
import { useWorkspace } from '../workspace';
import { DocumentDownloads } from './DocumentDownloads';

const PARTY_GROUP_MEETING_KINDS = [
  'party_group_meeting',
  'chairmans_meeting',
  'standing_committee_session',
  'executive_meeting',
];

type Action = 'discuss' | 'submit' | 'receive';

/**
 * The steps the signed-in user may take now, as the submission policy states them (the API
 * decides again): the submitting Party group records its discussion and submits; the
 * addressed committee's office receives.
 */
function openActions(s: SubmissionDetail, roles: string[], own: Organisation | null): Action[] {
  if (!own) return [];
  const submittingPartyGroup =
    roles.includes('party_group') && own.organisationId === s.submittingOrganisationId;
  const addressedOffice =
    roles.includes('committee_office') &&
    own.kind === 'committee_office' &&
    own.parentOrganisationId === s.addressedCommitteeId;
  const actions: Action[] = [];
  if (submittingPartyGroup && (s.status === 'drafted' || s.status === 'proposed'))
    actions.push('discuss');
  if (submittingPartyGroup && s.status === 'discussed') actions.push('submit');
  if (addressedOffice && s.status === 'submitted') actions.push('receive');
  return actions;
}

/** One submission: its particulars, the steps open to the user, and its history as a timeline. */
export function ThreadPage({ submissionId }: { submissionId: string }) {
  const { t, label, lang } = useI18n();
  const { api, labels, session } = useWorkspace();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<SubmissionDetail | null>(null);
  const [own, setOwn] = useState<Organisation | null>(null);
  const [missing, setMissing] = useState(false);
  const [dialog, setDialog] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const load = useCallback(async () => {
    try {
      setDetail(await api.get<SubmissionDetail>(`/api/submissions/${submissionId}`));
      setMissing(false);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403))
        setMissing(true);
      else throw error;
    }
  }, [api, submissionId]);

  useEffect(() => {
    void load();
    api
      .get<Organisation>(`/api/organisations/${session.organisationId}`)
      .then(setOwn, () => setOwn(null));
  }, [api, load, session.organisationId]);

  async function act(action: Action, values: Record<string, unknown>) {
    setBusy(true);
    try {
      const base = `/api/submissions/${submissionId}`;
      if (action === 'discuss') {
        await api.post(`${base}/party-group-discussion`, {
          meetingKind: values.meetingKind,
          meetingDate: (values.meetingDate as Dayjs).format('YYYY-MM-DD'),
          minutesReference: values.minutesReference,
        });
      } else if (action === 'submit') {
        await api.post(`${base}/submission`, {});
      } else {
        await api.post(`${base}/receipt`, { officeLogNumber: values.officeLogNumber });
      }
      message.success(t('done'));
      setDialog(null);
      form.resetFields();
      await load();
    } catch (error) {
      message.error(`${t('failed')}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  }

  if (missing) return <Alert type="warning" showIcon message={t('notFound')} />;
  if (!detail) return <Spin />;

  const actions = openActions(detail, session.roles, own);
  const actionLabel: Record<Action, string> = {
    discuss: t('recordDiscussion'),
    submit: t('submit'),
    receive: t('receive'),
  };
  const required = [{ required: true, message: t('required') }];
  const chain = detail.chainVerification;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1080 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }} data-testid="thread-title">
        {detail.title}
      </Typography.Title>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('documentNumber')}>
            <span data-testid="document-number">{detail.documentNumber ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('status')}>
            <Tag data-testid="status">{label(detail.statusLabel)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('kind')}>
            {label(labels.kinds[detail.kind], detail.kind)}
          </Descriptions.Item>
          <Descriptions.Item label={t('category')}>{label(detail.categoryLabel)}</Descriptions.Item>
          <Descriptions.Item label={t('classification')}>
            {label(labels.classifications[detail.classification], detail.classification)}
          </Descriptions.Item>
          <Descriptions.Item label={t('replyRequestedBy')}>
            {detail.replyRequestedBy ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('dueBy')}>
            {detail.dueBy ?? '—'}{' '}
            {detail.overdue && <Tag className="tag-overdue">{t('overdue')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('officeLogNumber')}>
            {detail.officeLogNumber ?? '—'}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph strong style={{ marginTop: 12 }}>
          {detail.summary}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
          {detail.body}
        </Typography.Paragraph>
        <DocumentDownloads detail={detail} />
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('actions')}</h2>}>
        {actions.length === 0 ? (
          <Typography.Text>{t('noActions')}</Typography.Text>
        ) : (
          <Space>
            {actions.map((action) => (
              <Button
                key={action}
                type="primary"
                data-testid={`action-${action}`}
                onClick={() => (action === 'submit' ? void act('submit', {}) : setDialog(action))}
                loading={busy && action === 'submit'}
              >
                {actionLabel[action]}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('history')}</h2>}
        extra={
          <span className={chain.valid ? 'chain-valid' : 'chain-broken'} data-testid="chain">
            {chain.valid ? `✓ ${t('chainValid')}` : `✗ ${t('chainBroken')}`} · {chain.events}{' '}
            {t('events')}
          </span>
        }
      >
        <Timeline
          data-testid="timeline"
          items={detail.history.map((entry) => ({
            key: entry.eventId,
            children: (
              <div>
                <strong>{label(EVENT_LABELS[entry.type], entry.type)}</strong>
                <div>
                  {t('by')}：{entry.actor.userName ?? entry.actor.userId}（
                  {entry.actor.organisationId}）
                </div>
                <div>
                  {t('at')}：{beijingDateTime(entry.occurredAt, lang)} {t('beijingTime')}
                </div>
              </div>
            ),
          }))}
        />
      </Card>
      <Modal
        open={dialog !== null}
        title={dialog ? actionLabel[dialog] : ''}
        okText={t('save')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(values: Record<string, unknown>) => dialog && void act(dialog, values)}
        >
          {dialog === 'discuss' && (
            <>
              <Form.Item label={t('meetingKind')} name="meetingKind" rules={required}>
                <Select
                  options={PARTY_GROUP_MEETING_KINDS.map((k) => ({
                    value: k,
                    label: label(labels.meetingKinds[k], k),
                  }))}
                />
              </Form.Item>
              <Form.Item label={t('meetingDate')} name="meetingDate" rules={required}>
                <DatePicker />
              </Form.Item>
              <Form.Item label={t('minutesReference')} name="minutesReference" rules={required}>
                <Input maxLength={200} placeholder="党组会议纪要〔2025〕5号" />
              </Form.Item>
            </>
          )}
          {dialog === 'receive' && (
            <Form.Item label={t('officeLogNumber')} name="officeLogNumber" rules={required}>
              <Input maxLength={100} placeholder="省委办收〔2025〕118号" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
