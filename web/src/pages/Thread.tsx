import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  List,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ReactNode, useCallback, useEffect, useState } from 'react';
import { ApiError, HistoryEntry, OpinionPoint, Organisation, Step, SubmissionDetail } from '../api';
import { beijingDateTime } from '../format';
import { EVENT_LABELS, defineText, useI18n } from '../i18n';
import { navigate } from '../router';
import { useWorkspace } from '../workspace';
import { ThreadDialog, ThreadDialogs } from './ThreadDialogs';
import { DocumentDownloads } from './DocumentDownloads';

const useText = defineText({
  materialRounds: { zh: '补充材料', en: 'Supplementary material' },
  round: { zh: '第{n}轮', en: 'Round {n}' },
  requested: { zh: '要求', en: 'Requested' },
  supplied: { zh: '已补充', en: 'Supplied' },
  awaiting: { zh: '待补充', en: 'Awaited' },
  documents: { zh: '材料', en: 'Documents' },
  opinion: { zh: '答复意见', en: 'Opinion' },
  outcome: { zh: '办理结果', en: 'Outcome' },
  issuedAt: { zh: '印发时间', en: 'Issued' },
  feedbackDueBy: { zh: '反馈期限', en: 'Feedback due by' },
  point: { zh: '第{n}条', en: 'Point {n}' },
  noFeedback: { zh: '尚未反馈', en: 'No feedback yet' },
  reading: { zh: '第{n}次审议', en: 'Reading {n}' },
  articles: { zh: '条款', en: 'Articles' },
  revisions: { zh: '反馈修订记录', en: 'Feedback revisions' },
  revision: { zh: '修订{n}', en: 'Revision {n}' },
  firstFeedback: { zh: '首次反馈', en: 'First feedback' },
  requestMaterial: { zh: '要求补充材料', en: 'Request material' },
  supplyMaterial: { zh: '补充材料（第{n}轮）', en: 'Supply material (round {n})' },
  recordMeeting: { zh: '记录党委会议研究', en: 'Record the committee meeting' },
  composeOpinion: { zh: '起草答复意见', en: 'Compose the opinion' },
  noteReport: { zh: '阅知报告（不经会议）', en: 'Note the report (no meeting)' },
  giveFeedback: { zh: '逐条反馈', en: 'Feed back point by point' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  grantViewer: { zh: '授权查阅', en: 'Grant a viewer' },
  draftRevision: { zh: '修改后再报', en: 'Draft a revision' },
  replaces: { zh: '本件替代', en: 'Replaces' },
  replacedBy: { zh: '已被替代为', en: 'Replaced by' },
  withdrawn: { zh: '撤回理由', en: 'Withdrawal reason' },
  closedAt: { zh: '办结时间', en: 'Closed' },
  viewers: { zh: '授权查阅', en: 'Viewers' },
  dueBy: { zh: '期限', en: 'due by' },
  minutes: { zh: '纪要', en: 'minutes' },
});

type PageText = ReturnType<typeof useText>;
const fill = (text: string, n: number | string) => text.replace('{n}', String(n));

/**
 * One submission: its particulars, the steps the API says are open to the user now, the material
 * rounds, the opinion with its points and the feedback on each, and its history as a timeline.
 */
export function ThreadPage({ submissionId }: { submissionId: string }) {
  const { t, label, lang } = useI18n();
  const text = useText();
  const { api, labels } = useWorkspace();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<SubmissionDetail | null>(null);
  // null: asked for, not readable by the user (its id is shown).
  const [names, setNames] = useState<Record<string, Organisation | null>>({});
  const [missing, setMissing] = useState(false);
  const [dialog, setDialog] = useState<ThreadDialog | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/submissions/${submissionId}`;

  const load = useCallback(async () => {
    try {
      setDetail(await api.get<SubmissionDetail>(base));
      setMissing(false);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403))
        setMissing(true);
      else throw error;
    }
  }, [api, base]);

  useEffect(() => {
    void load();
  }, [load]);

  // The names of the organisations the thread mentions, for who did each step.
  useEffect(() => {
    if (!detail) return;
    const ids = new Set([
      detail.submittingOrganisationId,
      detail.addressedCommitteeId,
      ...detail.history.map((h) => h.actor.organisationId),
      ...detail.viewers.organisationIds,
    ]);
    const wanted = [...ids].filter((id) => !(id in names));
    if (wanted.length === 0) return;
    void Promise.all(
      wanted.map((id) => api.get<Organisation>(`/api/organisations/${id}`).catch(() => null)),
    ).then((found) =>
      setNames((known) => {
        const next = { ...known };
        wanted.forEach((id, i) => (next[id] = found[i]));
        return next;
      }),
    );
  }, [api, detail, names]);

  async function submit() {
    setBusy(true);
    try {
      await api.post(`${base}/submission`, {});
      message.success(t('done'));
      await load();
    } catch (error) {
      message.error(`${t('failed')}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  }

  if (missing) return <Alert type="warning" showIcon title={t('notFound')} />;
  if (!detail) return <Spin />;

  const nameOf = (id: string) => {
    const o = names[id];
    return o ? (lang === 'zh' ? o.nameZh : o.nameEn) : id;
  };
  const open = new Set<Step>(detail.openSteps);
  const hasPoints = (detail.opinion?.points.length ?? 0) > 0;
  const actions: { key: string; label: string; run(): void; primary?: boolean }[] = [];
  const offer = (step: Step, key: string, label: string, run: () => void, primary = true) => {
    if (open.has(step)) actions.push({ key, label, run, primary });
  };
  offer('record_party_group_discussion', 'discuss', t('recordDiscussion'), () =>
    setDialog({ kind: 'discuss' }),
  );
  offer('submit', 'submit', t('submit'), () => void submit());
  offer('receive', 'receive', t('receive'), () => setDialog({ kind: 'receive' }));
  for (const request of detail.materialRequests.filter((r) => !r.supplied)) {
    offer(
      'supply_material',
      `supply-${request.requestNumber}`,
      fill(text('supplyMaterial'), request.requestNumber),
      () => setDialog({ kind: 'supply', requestNumber: request.requestNumber }),
    );
  }
  offer('request_material', 'request-material', text('requestMaterial'), () =>
    setDialog({ kind: 'request-material' }),
  );
  offer('record_committee_meeting', 'meeting', text('recordMeeting'), () =>
    setDialog({ kind: 'meeting' }),
  );
  offer(
    'issue_opinion',
    'opinion',
    detail.kind === 'report' && detail.status === 'received'
      ? text('noteReport')
      : text('composeOpinion'),
    () => navigate(`/submissions/${submissionId}/opinion`),
  );
  if (hasPoints && (open.has('give_feedback') || open.has('revise_feedback')))
    actions.push({
      key: 'feedback',
      label: text('giveFeedback'),
      run: () => navigate(`/submissions/${submissionId}/feedback`),
      primary: true,
    });
  offer('draft_revision', 'revision', text('draftRevision'), () =>
    navigate(`/submissions/${submissionId}/revision`),
  );
  offer('grant_viewer', 'grant', text('grantViewer'), () => setDialog({ kind: 'grant' }), false);
  offer('withdraw', 'withdraw', text('withdraw'), () => setDialog({ kind: 'withdraw' }), false);

  const chain = detail.chainVerification;
  const heading = (title: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>;
  const link = (id: string) => (
    <a
      href={`/submissions/${id}`}
      onClick={(e) => {
        e.preventDefault();
        navigate(`/submissions/${id}`);
      }}
    >
      {id.slice(0, 8)}
    </a>
  );

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
          <Descriptions.Item label={t('organisation')}>
            {nameOf(detail.submittingOrganisationId)}
          </Descriptions.Item>
          <Descriptions.Item label={t('addressee')}>
            {nameOf(detail.addressedCommitteeId)}
          </Descriptions.Item>
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
          {detail.replacesSubmissionId && (
            <Descriptions.Item label={text('replaces')}>
              {link(detail.replacesSubmissionId)}
            </Descriptions.Item>
          )}
          {detail.replacedBySubmissionId && (
            <Descriptions.Item label={text('replacedBy')}>
              <span data-testid="replaced-by">{link(detail.replacedBySubmissionId)}</span>
            </Descriptions.Item>
          )}
          {detail.withdrawal && (
            <Descriptions.Item label={text('withdrawn')}>
              {detail.withdrawal.reason ?? '—'}
            </Descriptions.Item>
          )}
          {detail.closedAt && (
            <Descriptions.Item label={text('closedAt')}>
              {beijingDateTime(detail.closedAt, lang)} {t('beijingTime')}
            </Descriptions.Item>
          )}
          {detail.viewers.organisationIds.length + detail.viewers.userIds.length > 0 && (
            <Descriptions.Item label={text('viewers')}>
              <span data-testid="viewers">
                {[...detail.viewers.organisationIds.map(nameOf), ...detail.viewers.userIds].join(
                  '、',
                )}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph strong style={{ marginTop: 12 }}>
          {detail.summary}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
          {detail.body}
        </Typography.Paragraph>
        <DocumentDownloads detail={detail} />
      </Card>
      <Card title={heading(t('actions'))}>
        {actions.length === 0 ? (
          <Typography.Text data-testid="no-actions">{t('noActions')}</Typography.Text>
        ) : (
          <Space wrap>
            {actions.map((action) => (
              <Button
                key={action.key}
                type={action.primary ? 'primary' : 'default'}
                data-testid={`action-${action.key}`}
                onClick={action.run}
                loading={busy && action.key === 'submit'}
              >
                {action.label}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      {detail.materialRequests.length > 0 && (
        <Card title={heading(text('materialRounds'))}>
          <List
            data-testid="material-rounds"
            dataSource={detail.materialRequests}
            renderItem={(r) => (
              <List.Item key={r.requestNumber} data-testid={`round-${r.requestNumber}`}>
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap>
                    <strong>{fill(text('round'), r.requestNumber)}</strong>
                    <Tag className={r.supplied ? 'tag-done' : 'tag-due-soon'}>
                      {r.supplied ? text('supplied') : text('awaiting')}
                    </Tag>
                    <span>
                      {text('requested')} {beijingDateTime(r.requestedAt, lang)} · {text('dueBy')}{' '}
                      {r.dueBy}
                    </span>
                  </Space>
                  <div>{r.description}</div>
                  {r.supplied && (
                    <div className="supplied">
                      {text('supplied')} {beijingDateTime(r.supplied.at, lang)}：
                      {r.supplied.description}
                      {r.supplied.documentReferences.length > 0 && (
                        <>
                          {' '}
                          · {text('documents')}：{r.supplied.documentReferences.join('、')}
                        </>
                      )}
                    </div>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      {detail.opinion && (
        <Card
          title={heading(text('opinion'))}
          extra={<Tag data-testid="outcome">{label(labels.outcomes[detail.opinion.outcome])}</Tag>}
        >
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('documentNumber')}>
              <span data-testid="opinion-number">{detail.opinion.documentNumber ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={text('issuedAt')}>
              {beijingDateTime(detail.opinion.issuedAt, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={text('feedbackDueBy')}>
              {detail.opinion.feedbackDueBy ?? '—'}
            </Descriptions.Item>
          </Descriptions>
          {detail.opinion.points.length === 0 ? null : (
            <ol className="opinion-points" data-testid="opinion-points">
              {detail.opinion.points.map((point) => (
                <PointView key={point.number} point={point} />
              ))}
            </ol>
          )}
        </Card>
      )}
      <Card
        title={heading(t('history'))}
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
            content: (
              <div>
                <strong>{label(EVENT_LABELS[entry.type], entry.type)}</strong>
                <EventFacts entry={entry} text={text} />
                <div>
                  {t('by')}：{entry.actor.userName ?? entry.actor.userId}（
                  {nameOf(entry.actor.organisationId)}）
                </div>
                <div>
                  {t('at')}：{beijingDateTime(entry.occurredAt, lang)} {t('beijingTime')}
                </div>
              </div>
            ),
          }))}
        />
      </Card>
      <ThreadDialogs
        dialog={dialog}
        detail={detail}
        onClose={(done) => {
          setDialog(null);
          if (done) {
            message.success(t('done'));
            void load();
          }
        }}
      />
    </Space>
  );
}

/** A point of the opinion, with its current feedback and every revision of it. */
export function PointView({ point }: { point: OpinionPoint }) {
  const { label, lang } = useI18n();
  const text = useText();
  const { labels } = useWorkspace();
  const feedback = point.feedback;
  const placement = (f: { readingNumber: number | null; articles: string[] }) =>
    [
      f.readingNumber ? fill(text('reading'), f.readingNumber) : null,
      f.articles.length ? `${text('articles')}：${f.articles.join('、')}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
  return (
    <li data-testid={`point-${point.number}`} style={{ marginBottom: 12 }}>
      <div style={{ whiteSpace: 'pre-wrap' }}>{point.text}</div>
      {feedback ? (
        <div className="point-feedback">
          <Tag data-testid={`adoption-${point.number}`}>
            {label(labels.adoptions[feedback.adoption], feedback.adoption)}
          </Tag>
          {feedback.explanation}
          {placement(feedback) && <span> · {placement(feedback)}</span>}
          {feedback.revisions.length > 1 && (
            <details style={{ marginTop: 4 }}>
              <summary>
                {text('revisions')}（{feedback.revisions.length}）
              </summary>
              <ul data-testid={`revisions-${point.number}`}>
                {feedback.revisions.map((r) => (
                  <li key={r.revisionNumber}>
                    {r.revisionNumber === 0
                      ? text('firstFeedback')
                      : fill(text('revision'), r.revisionNumber)}{' '}
                    · {beijingDateTime(r.at, lang)} ·{' '}
                    {label(labels.adoptions[r.adoption], r.adoption)}
                    {r.explanation ? ` · ${r.explanation}` : ''}
                    {placement(r) ? ` · ${placement(r)}` : ''}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      ) : (
        <div className="point-feedback">
          <Typography.Text type="secondary">{text('noFeedback')}</Typography.Text>
        </div>
      )}
    </li>
  );
}

/** What a step recorded, in a line: the meeting, the round, the outcome, the point. */
function EventFacts({ entry, text }: { entry: HistoryEntry; text: PageText }) {
  const { label } = useI18n();
  const { labels } = useWorkspace();
  const d = entry.data;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  let facts: ReactNode = null;
  switch (entry.type) {
    case 'PartyGroupDiscussionRecorded':
    case 'CommitteeMeetingRecorded':
      facts = [
        label(labels.meetingKinds[str(d.meetingKind)], str(d.meetingKind)),
        str(d.meetingDate),
        d.minutesReference ? `${text('minutes')} ${str(d.minutesReference)}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      break;
    case 'SubmissionSubmitted':
      facts = str(d.documentNumber);
      break;
    case 'SubmissionReceived':
      facts = str(d.officeLogNumber);
      break;
    case 'SupplementaryMaterialRequested':
      facts = `${fill(text('round'), str(d.requestNumber))} · ${text('dueBy')} ${str(d.dueBy)}`;
      break;
    case 'SupplementaryMaterialSupplied':
      facts = fill(text('round'), str(d.requestNumber));
      break;
    case 'OpinionIssued':
      facts = `${label(labels.outcomes[str(d.outcome)], str(d.outcome))} · ${str(d.documentNumber)}`;
      break;
    case 'OpinionPointFeedbackGiven':
    case 'OpinionPointFeedbackRevised':
      facts = `${fill(text('point'), str(d.pointNumber))} · ${label(
        labels.adoptions[str(d.adoption)],
        str(d.adoption),
      )}`;
      break;
    case 'SubmissionWithdrawn':
      facts = str(d.reason);
      break;
  }
  return facts ? <div className="event-facts">{facts}</div> : null;
}
