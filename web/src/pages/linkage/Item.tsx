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
import { Organisation, Page } from '../../api';
import { beijingDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { useWorkspace } from '../../workspace';
import { LinksCard } from './Links';
import {
  ActionBar,
  ActionSpec,
  LabelTag,
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
import { DecisionSummary, Inquiry, ItemDetail, LinkView } from './types';

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

/** The stage steps the API opens in each stage (the items policy's ALLOWED_STEPS). */
const OPEN_STEPS: Record<string, string[]> = {
  proposed: ['plan', 'start-drafting'],
  planned: ['plan', 'start-drafting'],
  drafting: ['plan', 'hold-reading'],
  deliberation: ['plan', 'hold-reading', 'schedule-for-vote'],
  on_agenda: ['adopt'],
  adopted: ['promulgate', 'abolish'],
  promulgated: ['enter-into-force', 'abolish'],
  in_force: ['start-amendment', 'abolish'],
  abolished: [],
};

/**
 * One legislative item: its stage timeline (proposed → plan → drafting → readings → agenda →
 * adopted → promulgated → in force), the stage steps open to the legislature, the decisions it
 * is linked to, and its post-legislation inquiries.
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
  }, [api, legislature]);

  const refresh = () => {
    reload();
    links.reload();
  };

  if (missing) return <Alert type="warning" showIcon message={t('notFound')} />;
  if (!item) return <Spin />;

  const base = `/api/items/${itemId}`;
  const day = (name: string, text: string) =>
    ({ name, label: text, kind: 'date', required: true }) as const;
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
    'start-drafting': {
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
    'hold-reading': {
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
    'schedule-for-vote': {
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
    'enter-into-force': {
      key: 'enter-into-force',
      label: t('enterIntoForce'),
      fields: [day('inForceOn', t('inForceOn'))],
      run: (v) => api.post(`${base}/entry-into-force`, v),
    },
    'start-amendment': {
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
  };

  const actions: ActionSpec[] = legislature
    ? (OPEN_STEPS[item.stage] ?? []).map((step) => stepSpecs[step])
    : [];
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
  if (office && item.stage === 'in_force')
    actions.push({
      key: 'ask-inquiry',
      label: t('askInquiry'),
      fields: [
        { name: 'question', label: t('question'), kind: 'textarea', required: true },
        day('dueBy', t('dueBy')),
      ],
      run: (v) => api.post(`${base}/inquiries`, v),
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
                legislature={legislature}
                office={office}
                options={options}
                done={reload}
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

function InquiryView({
  inquiry: q,
  base,
  legislature,
  office,
  options,
  done,
}: {
  inquiry: Inquiry;
  base: string;
  legislature: boolean;
  office: boolean;
  options: ReturnType<typeof useOptions>;
  done: () => void;
}) {
  const t = useText();
  const { lang } = useI18n();
  const { api, labels } = useWorkspace();
  const conclusions = options(labels.inquiryConclusions);
  const actions: ActionSpec[] = [];
  if (legislature && q.status === 'open')
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
        { name: 'text', label: t('answerText'), kind: 'textarea', required: true },
      ],
      run: (v) => api.post(`${base}/answer`, v),
    });
  if (legislature && ['answered', 'result_reported', 'concluded'].includes(q.status))
    actions.push({
      key: `report-result-${q.inquiryNumber}`,
      label: t('reportResult'),
      fields: [{ name: 'text', label: t('results'), kind: 'textarea', required: true }],
      run: (v) => api.post(`${base}/results`, v),
    });
  if (office && ['answered', 'result_reported'].includes(q.status) && !q.dispute)
    actions.push({
      key: `dispute-${q.inquiryNumber}`,
      label: t('dispute'),
      fields: [{ name: 'reason', label: t('disputeReason'), kind: 'textarea', required: true }],
      run: (v) => api.post(`${base}/dispute`, v),
    });
  if (legislature && q.status === 'disputed')
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
