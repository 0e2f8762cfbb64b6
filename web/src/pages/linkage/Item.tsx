import {
  Alert,
  Button,
  Card,
  Descriptions,
  List,
  Space,
  Spin,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Organisation, Page, SubmissionSummary } from '../../api';
import { beijingDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { useWorkspace } from '../../workspace';
import { LinksCard } from './Links';
import { ActionBar, ActionSpec } from './actions';
import {
  LabelTag,
  PageLink,
  PageTitle,
  officialNumber,
  sectionTitle,
  useKeysetList,
  useOptions,
  useRecord,
  useRecordNames,
  useSides,
} from './shared';
import { useText } from './text';
import {
  AssessmentDetail,
  DecisionSummary,
  Divergence,
  Inquiry,
  ItemDetail,
  LinkView,
} from './types';

/** The way from proposal to force, as the stage timeline shows it. */
const PATH = [
  'proposed',
  'planned',
  'drafting',
  'deliberation',
  'on_agenda',
  'adopted',
  'promulgated',
  'in_force',
] as const;

/**
 * One legislative item: its stage timeline (proposed → plan → drafting → readings → agenda →
 * adopted → promulgated → in force), the steps open to the user (as the API names them in
 * `openSteps`), the decisions it is linked to, its divergences, post-legislation inquiries,
 * law-enforcement inspections and assessments.
 */
export function ItemPage({ itemId }: { itemId: string }) {
  const t = useText();
  const { label, lang } = useI18n();
  const { api, labels } = useWorkspace();
  const sides = useSides();
  const options = useOptions();
  const { record: item, missing, reload } = useRecord<ItemDetail>(`/api/items/${itemId}`);
  const links = useKeysetList<LinkView>(`/api/links?recordKind=item&recordId=${itemId}&limit=200`);
  const names = useRecordNames(links.rows.map((l) => (l.from.id === itemId ? l.to : l.from)));
  const legislature = !!item && sides.legislature(item.legislatureId);
  const office = !!item && sides.committeeOffice(item.committeeId);
  const [decisions, setDecisions] = useState<DecisionSummary[]>([]);
  const [bodies, setBodies] = useState<Organisation[]>([]);
  const [plans, setPlans] = useState<{ planId: string; title: string }[]>([]);
  const [submissions, setSubmissions] = useState<SubmissionSummary[]>([]);
  const assessments = useKeysetList<{ assessmentId: string }>(
    `/api/assessments?subjectKind=item&subjectId=${itemId}&limit=200`,
  );

  useEffect(() => {
    if (!legislature) return;
    void api
      .get<Page<DecisionSummary>>('/api/decisions?limit=200')
      .then((page) => setDecisions(page.items));
    void api
      .get<Page<Organisation>>('/api/organisations?limit=200')
      .then((page) =>
        setBodies(
          page.items.filter((o) =>
            ['special_committee', 'drafting_unit_party_group', 'government_party_group'].includes(
              o.kind,
            ),
          ),
        ),
      );
    void api
      .get<Page<{ planId: string; title: string; status: string }>>('/api/plans?limit=200')
      .then((page) => setPlans(page.items.filter((p) => p.status === 'approved')));
    void api
      .get<Page<SubmissionSummary>>(`/api/submissions?itemId=${itemId}&limit=100`)
      .then((page) => setSubmissions(page.items));
  }, [api, legislature, itemId]);

  const refresh = () => {
    reload();
    links.reload();
    assessments.reload();
  };

  if (missing) return <Alert type="warning" showIcon message={t('notFound')} />;
  if (!item) return <Spin />;

  const base = `/api/items/${itemId}`;
  const day = (name: string, text: string) =>
    ({ name, label: text, kind: 'date', required: true }) as const;
  // Keyed by the API's step names, in the order the buttons show.
  const stepSpecs: Record<string, ActionSpec> = {
    plan: {
      key: 'plan',
      label: t('plan'),
      fields: [
        {
          name: 'planId',
          label: t('planId'),
          kind: 'select',
          required: true,
          options: plans.map((p) => ({ value: p.planId, label: p.title })),
        },
      ],
      run: (v) => api.post(`${base}/plan`, v),
    },
    start_drafting: {
      key: 'start-drafting',
      label: t('startDrafting'),
      fields: [
        {
          name: 'draftingUnitId',
          label: t('draftingUnit'),
          kind: 'select',
          required: true,
          options: bodies.map((o) => ({
            value: o.organisationId,
            label: lang === 'zh' ? o.nameZh : o.nameEn,
          })),
        },
        day('startedOn', t('startedOn')),
      ],
      run: (v) => api.post(`${base}/drafting`, v),
    },
    hold_reading: {
      key: 'hold-reading',
      label: t('holdReading'),
      initial: {
        readingNumber: item.readings.filter((r) => r.version === item.version).length + 1,
      },
      fields: [
        {
          name: 'readingNumber',
          label: t('readingNumber'),
          kind: 'number',
          required: true,
          min: 1,
        },
        day('heldOn', t('heldOn')),
        { name: 'meetingReference', label: t('meetingReference'), kind: 'text', required: true },
      ],
      run: (v) => api.post(`${base}/readings`, v),
    },
    schedule_for_vote: {
      key: 'schedule-for-vote',
      label: t('scheduleForVote'),
      fields: [day('agendaDate', t('agendaDate'))],
      run: (v) => api.post(`${base}/agenda`, v),
    },
    adopt: {
      key: 'adopt',
      label: t('adopt'),
      fields: [day('adoptedOn', t('adoptedOn'))],
      run: (v) => api.post(`${base}/adoption`, v),
    },
    promulgate: {
      key: 'promulgate',
      label: t('promulgate'),
      fields: [
        {
          name: 'announcementNumber',
          label: t('announcementNumber'),
          kind: 'text',
          required: true,
        },
        day('promulgatedOn', t('promulgatedOn')),
      ],
      run: (v) =>
        api.post(`${base}/promulgation`, {
          ...v,
          announcementNumber: officialNumber(v.announcementNumber as string),
        }),
    },
    enter_into_force: {
      key: 'enter-into-force',
      label: t('enterIntoForce'),
      fields: [day('inForceOn', t('inForceOn'))],
      run: (v) => api.post(`${base}/entry-into-force`, v),
    },
    start_amendment: {
      key: 'start-amendment',
      label: t('startAmendment'),
      fields: [{ name: 'reason', label: t('reason'), kind: 'textarea', required: true }],
      run: (v) => api.post(`${base}/amendments`, v),
    },
    abolish: {
      key: 'abolish',
      label: t('abolish'),
      fields: [
        day('abolishedOn', t('abolishedOn')),
        { name: 'reason', label: t('reason'), kind: 'textarea', required: true },
      ],
      run: (v) => api.post(`${base}/abolition`, v),
    },
    record_divergence: {
      key: 'record-divergence',
      label: t('recordDivergence'),
      fields: [
        { name: 'description', label: t('description'), kind: 'textarea', required: true },
        day('recordedOn', t('recordedOn')),
        {
          name: 'submissionId',
          label: t('departsFrom'),
          kind: 'select',
          options: submissions.map((s) => ({
            value: s.submissionId,
            label: `${officialNumber(s.documentNumber)} ${s.title}`,
          })),
        },
        { name: 'pointNumber', label: t('pointNumber'), kind: 'number', min: 1, max: 100 },
      ],
      run: (v) =>
        api.post(`${base}/divergences`, {
          ...v,
          submissionId: v.submissionId ?? undefined,
          pointNumber: v.pointNumber ?? undefined,
        }),
    },
    record_inspection: {
      key: 'record-inspection',
      label: t('recordInspection'),
      fields: [
        day('heldFrom', t('heldFrom')),
        { ...day('heldTo', t('heldTo')), notBefore: 'heldFrom' },
        { name: 'findings', label: t('findings'), kind: 'textarea', required: true, max: 20000 },
      ],
      run: (v) => api.post(`${base}/inspections`, v),
    },
    open_inquiry: {
      key: 'ask-inquiry',
      label: t('askInquiry'),
      fields: [
        { name: 'question', label: t('question'), kind: 'textarea', required: true },
        day('dueBy', t('dueBy')),
      ],
      run: (v) => api.post(`${base}/inquiries`, v),
    },
    report_assessment: {
      key: 'report-assessment',
      label: t('reportAssessment'),
      fields: [
        { name: 'title', label: t('title'), kind: 'text', required: true },
        { name: 'findings', label: t('findings'), kind: 'textarea', required: true, max: 20000 },
        day('reportedOn', t('reportedOn')),
      ],
      run: (v) => api.post('/api/assessments', { ...v, subjectKind: 'item', subjectId: itemId }),
    },
  };

  const open = new Set(item.openSteps);
  const actions = Object.entries(stepSpecs)
    .filter(([step]) => open.has(step))
    .map(([, spec]) => spec);
  const linkedDecisionIds = new Set(
    links.rows.filter((l) => l.active !== false).map((l) => l.to.id),
  );
  if (legislature)
    actions.push({
      key: 'link-decision',
      label: t('linkDecision'),
      fields: [
        {
          name: 'decisionId',
          label: t('decision'),
          kind: 'select',
          required: true,
          options: decisions
            .filter((d) => !linkedDecisionIds.has(d.decisionId))
            .map((d) => ({
              value: d.decisionId,
              label: `${officialNumber(d.documentNumber)} ${d.title}`,
            })),
        },
        { name: 'rationale', label: t('rationale'), kind: 'textarea', required: true },
      ],
      run: (v) =>
        api.post('/api/links', {
          type: 'implements',
          from: { kind: 'item', id: itemId },
          to: { kind: 'decision', id: v.decisionId },
          rationale: v.rationale,
        }),
    });
  const onPath = PATH.indexOf(item.stage as (typeof PATH)[number]);
  const lastOn = (stage: string) =>
    [...item.stageHistory].reverse().find((s) => s.stage === stage && s.version === item.version)
      ?.on;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1180 }}>
      <PageTitle testId="item-title">{item.title}</PageTitle>
      <Card>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('itemKind')}>{label(item.kindLabel)}</Descriptions.Item>
          <Descriptions.Item label={t('stage')}>
            <Tag data-testid="stage">{label(item.stageLabel)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('stageSince')}>{item.stageSince}</Descriptions.Item>
          <Descriptions.Item label={t('version')}>{item.version}</Descriptions.Item>
          <Descriptions.Item label={t('proposedOn')}>{item.proposedOn}</Descriptions.Item>
          <Descriptions.Item label={t('policyAreas')}>
            {item.policyAreas.join('、')}
          </Descriptions.Item>
          {item.announcementNumber && (
            <Descriptions.Item label={t('announcementNumber')}>
              {officialNumber(item.announcementNumber)}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph style={{ marginTop: 12 }}>{item.summary}</Typography.Paragraph>
        <Button onClick={() => navigate(`/linkage/items/${itemId}`)} data-testid="to-linkage">
          {t('openLinkage')}
        </Button>
      </Card>
      <Card title={sectionTitle(t('stageTimeline'))}>
        <Steps
          data-testid="stage-steps"
          size="small"
          current={item.stage === 'abolished' ? PATH.length - 1 : Math.max(onPath, 0)}
          status={item.stage === 'abolished' ? 'error' : 'process'}
          items={PATH.map((stage, index) => {
            const on = lastOn(stage);
            // A stage passed over (an item drafted without a plan) stays grey, without a date.
            const skipped = !on && index < onPath;
            return {
              title: label(labels.itemStages[stage], stage),
              description: on,
              ...(skipped ? { status: 'wait' as const } : {}),
            };
          })}
        />
        <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
          {t('stageHistory')}
        </Typography.Title>
        <Timeline
          data-testid="stage-history"
          items={[
            ...item.stageHistory.map((s) => ({
              on: s.on,
              text: `${label(labels.itemStages[s.stage], s.stage)}（${t('version')} ${s.version}）`,
            })),
            ...item.readings.map((r) => ({
              on: r.heldOn,
              text: `${t('readingsTitle')} ${r.readingNumber}（${r.meetingReference}）`,
            })),
          ]
            // By day; a reading comes after the stage entered that day (stable sort).
            .sort((a, b) => a.on.localeCompare(b.on))
            .map((entry, i) => ({
              key: i,
              children: (
                <span>
                  {entry.on} · {entry.text}
                </span>
              ),
            }))}
        />
      </Card>
      <Card title={sectionTitle(t('actions'))}>
        <ActionBar actions={actions} done={refresh} />
      </Card>
      <LinksCard
        links={links.rows}
        self={itemId}
        names={names}
        mayRemove={(link) =>
          ['implements', 'reports_on', 'answers'].includes(link.type) ? legislature : office
        }
        changed={refresh}
      />
      <Card title={sectionTitle(t('inquiries'))}>
        <List
          data-testid="inquiries"
          dataSource={item.inquiries}
          locale={{ emptyText: t('empty') }}
          renderItem={(inquiry) => (
            <List.Item>
              <InquiryView
                inquiry={inquiry}
                base={`${base}/inquiries/${inquiry.inquiryNumber}`}
                open={open}
                options={options}
                done={reload}
              />
            </List.Item>
          )}
        />
      </Card>
      <Card title={sectionTitle(t('divergences'))}>
        <List
          data-testid="divergences"
          dataSource={item.divergences}
          locale={{ emptyText: t('empty') }}
          renderItem={(divergence) => (
            <List.Item>
              <DivergenceView
                divergence={divergence}
                base={`${base}/divergences/${divergence.divergenceNumber}`}
                open={open}
                done={reload}
              />
            </List.Item>
          )}
        />
      </Card>
      <Card title={sectionTitle(t('inspections'))}>
        <List
          data-testid="inspections"
          dataSource={item.inspections}
          locale={{ emptyText: t('empty') }}
          renderItem={(i) => (
            <List.Item>
              <Space orientation="vertical" size={2}>
                <strong>
                  {t('inspection')} {i.inspectionNumber}（{i.heldFrom}–{i.heldTo}）
                </strong>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{i.findings}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card title={sectionTitle(t('assessments'))}>
        <List
          data-testid="assessments"
          dataSource={assessments.rows}
          locale={{ emptyText: t('empty') }}
          renderItem={(a) => (
            <List.Item>
              <AssessmentView assessmentId={a.assessmentId} options={options} />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

/** One inquiry with its answer, results, dispute and review, and the step open on it. */
function InquiryView({
  inquiry: q,
  base,
  open,
  options,
  done,
}: {
  inquiry: Inquiry;
  base: string;
  /** The item's open steps: which of an inquiry's steps the user's side may take. */
  open: Set<string>;
  options: ReturnType<typeof useOptions>;
  done: () => void;
}) {
  const t = useText();
  const { lang } = useI18n();
  const { api, labels } = useWorkspace();
  const conclusions = options(labels.inquiryConclusions);
  const actions: ActionSpec[] = [];
  if (open.has('answer_inquiry') && q.status === 'open')
    actions.push({
      key: `answer-inquiry-${q.inquiryNumber}`,
      label: t('answerInquiry'),
      fields: [
        {
          name: 'conclusion',
          label: t('conclusion'),
          kind: 'select',
          required: true,
          options: conclusions,
        },
        {
          name: 'text',
          label: t('answerText'),
          kind: 'textarea',
          required: true,
          max: 20000,
        },
      ],
      run: (v) => api.post(`${base}/answer`, v),
    });
  if (
    open.has('report_inquiry_result') &&
    ['answered', 'result_reported', 'concluded'].includes(q.status)
  )
    actions.push({
      key: `report-result-${q.inquiryNumber}`,
      label: t('reportResult'),
      fields: [{ name: 'text', label: t('results'), kind: 'textarea', required: true, max: 20000 }],
      run: (v) => api.post(`${base}/results`, v),
    });
  if (
    open.has('dispute_inquiry_conclusion') &&
    ['answered', 'result_reported'].includes(q.status) &&
    !q.dispute
  )
    actions.push({
      key: `dispute-${q.inquiryNumber}`,
      label: t('dispute'),
      fields: [{ name: 'reason', label: t('disputeReason'), kind: 'textarea', required: true }],
      run: (v) => api.post(`${base}/dispute`, v),
    });
  if (open.has('conclude_inquiry_review') && q.status === 'disputed')
    actions.push({
      key: `conclude-review-${q.inquiryNumber}`,
      label: t('concludeReview'),
      fields: [
        {
          name: 'finalConclusion',
          label: t('finalConclusion'),
          kind: 'select',
          required: true,
          options: conclusions,
        },
        { name: 'note', label: t('note'), kind: 'textarea', required: true },
      ],
      run: (v) => api.post(`${base}/review`, v),
    });
  const when = (iso: string) => `${beijingDateTime(iso, lang)} ${t('beijingTime')}`;
  return (
    <Space
      orientation="vertical"
      size={4}
      style={{ width: '100%' }}
      data-testid={`inquiry-${q.inquiryNumber}`}
    >
      <Space wrap>
        <strong>
          {t('inquiry')} {q.inquiryNumber}
        </strong>
        <LabelTag table={labels.inquiryStatuses} value={q.status} testId="inquiry-status" />
        <span>
          {t('dueBy')}：{q.dueBy}
        </span>
      </Space>
      <Typography.Text>{q.question}</Typography.Text>
      {q.answer && (
        <Typography.Text>
          {t('answer')}（<LabelTag table={labels.inquiryConclusions} value={q.answer.conclusion} />
          {when(q.answer.answeredAt)}）：{q.answer.text}
        </Typography.Text>
      )}
      {q.results.map((r, i) => (
        <Typography.Text key={i}>
          {t('results')}（{when(r.reportedAt)}）：{r.text}
        </Typography.Text>
      ))}
      {q.dispute && (
        <Typography.Text>
          {t('disputeReason')}（{when(q.dispute.disputedAt)}）：{q.dispute.reason}
        </Typography.Text>
      )}
      {q.review && (
        <Typography.Text>
          {t('finalConclusion')}（
          <LabelTag table={labels.inquiryConclusions} value={q.review.finalConclusion} />
          {when(q.review.concludedAt)}）：{q.review.note}
        </Typography.Text>
      )}
      {actions.length > 0 && <ActionBar actions={actions} done={done} />}
    </Space>
  );
}

/** One divergence with its steps and result; while open, the legislature records either. */
function DivergenceView({
  divergence: d,
  base,
  open,
  done,
}: {
  divergence: Divergence;
  base: string;
  open: Set<string>;
  done: () => void;
}) {
  const t = useText();
  const { api, labels } = useWorkspace();
  const options = useOptions();
  const actions: ActionSpec[] = [];
  if (d.open && open.has('record_divergence_step'))
    actions.push({
      key: `divergence-step-${d.divergenceNumber}`,
      label: t('recordDivergenceStep'),
      fields: [
        {
          name: 'step',
          label: t('step'),
          kind: 'select',
          required: true,
          options: options(labels.divergenceSteps),
        },
        { name: 'note', label: t('note'), kind: 'textarea' },
        { name: 'on', label: t('on'), kind: 'date', required: true },
      ],
      run: (v) => api.post(`${base}/steps`, { ...v, note: v.note ?? '' }),
    });
  if (d.open && open.has('resolve_divergence'))
    actions.push({
      key: `resolve-divergence-${d.divergenceNumber}`,
      label: t('resolveDivergence'),
      fields: [
        { name: 'result', label: t('result'), kind: 'textarea', required: true },
        { name: 'resolvedOn', label: t('resolvedOn'), kind: 'date', required: true },
      ],
      run: (v) => api.post(`${base}/resolution`, v),
    });
  return (
    <Space
      orientation="vertical"
      size={4}
      style={{ width: '100%' }}
      data-testid={`divergence-${d.divergenceNumber}`}
    >
      <Space wrap>
        <strong>
          {t('divergence')} {d.divergenceNumber}
        </strong>
        <Tag className={d.open ? 'tag-overdue' : undefined}>
          {d.open ? t('open') : t('resolved')}
        </Tag>
        <span>
          {t('recordedOn')}：{d.recordedOn}
        </span>
        {d.submissionId && (
          <PageLink to={`/submissions/${d.submissionId}`}>
            {t('departsFrom')}
            {d.pointNumber ? ` · ${t('point')} ${d.pointNumber}` : ''}
          </PageLink>
        )}
      </Space>
      <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{d.description}</Typography.Text>
      {d.steps.map((s, i) => (
        <Typography.Text key={i}>
          {s.on} · <LabelTag table={labels.divergenceSteps} value={s.step} />
          {s.note}
        </Typography.Text>
      ))}
      {d.resolution && (
        <Typography.Text>
          {t('result')}（{d.resolution.resolvedOn}）：{d.resolution.result}
        </Typography.Text>
      )}
      {actions.length > 0 && <ActionBar actions={actions} done={done} />}
    </Space>
  );
}

/** One assessment of the item: its findings and the committee's judgment, or the step to judge. */
function AssessmentView({
  assessmentId,
  options,
}: {
  assessmentId: string;
  options: ReturnType<typeof useOptions>;
}) {
  const t = useText();
  const { lang } = useI18n();
  const { api, labels } = useWorkspace();
  const { record: a, reload } = useRecord<AssessmentDetail>(`/api/assessments/${assessmentId}`);
  if (!a) return <Spin />;
  const actions: ActionSpec[] = a.openSteps.includes('judge')
    ? [
        {
          key: `judge-assessment-${assessmentId}`,
          label: t('judgeAssessment'),
          fields: [
            {
              name: 'judgment',
              label: t('judgment'),
              kind: 'select',
              required: true,
              options: options(labels.assessmentJudgments),
            },
            { name: 'note', label: t('note'), kind: 'textarea' },
          ],
          run: (v) =>
            api.post(`/api/assessments/${assessmentId}/judgment`, { ...v, note: v.note ?? '' }),
        },
      ]
    : [];
  return (
    <Space
      orientation="vertical"
      size={4}
      style={{ width: '100%' }}
      data-testid={`assessment-${assessmentId}`}
    >
      <Space wrap>
        <strong>{a.title}</strong>
        <span>
          {t('reportedOn')}：{a.reportedOn}
        </span>
        <LabelTag
          table={labels.assessmentJudgments}
          value={a.judgment?.judgment}
          testId="judgment"
        />
      </Space>
      <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{a.findings}</Typography.Text>
      {a.judgment && (
        <Typography.Text>
          {t('judgment')}（{beijingDateTime(a.judgment.judgedAt, lang)} {t('beijingTime')}）：
          {a.judgment.note || '—'}
        </Typography.Text>
      )}
      {actions.length > 0 && <ActionBar actions={actions} done={reload} />}
    </Space>
  );
}
