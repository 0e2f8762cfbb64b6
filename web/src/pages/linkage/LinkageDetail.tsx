import { Alert, Card, Descriptions, List, Space, Spin, Table, Tag } from 'antd';
import { useI18n } from '../../i18n';
import { useWorkspace } from '../../workspace';
import { AdoptionText, AsOfBanner, AsOfPicker, Flags, daysText, useAsOf } from './Linkage';
import {
  LabelTag,
  PageLink,
  PageTitle,
  officialNumber,
  queryOf,
  sectionTitle,
  useRecord,
} from './shared';
import { useText } from './text';
import {
  AssessmentBrief,
  InquiryConclusionView,
  LinkageDecisionDetail,
  LinkageDivergence,
  LinkageItemBrief,
  LinkageItemDetail,
  LinkageSubmission,
} from './types';

/** The submissions about a decision or item, with each opinion point and its adoption. */
function SubmissionsCard({ submissions }: { submissions: LinkageSubmission[] }) {
  const t = useText();
  const { label } = useI18n();
  const { labels } = useWorkspace();
  return (
    <Card title={sectionTitle(t('submissions'))}>
      <List
        data-testid="linkage-submissions"
        dataSource={submissions}
        locale={{ emptyText: t('empty') }}
        renderItem={(s) => (
          <List.Item>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap>
                <PageLink to={`/submissions/${s.submissionId}`}>{s.title}</PageLink>
                <Tag>{label(labels.categories[s.category], s.category)}</Tag>
                <Tag>{label(labels.statuses[s.status], s.status)}</Tag>
                {s.opinionOutcome && (
                  <span>
                    {t('outcome')}：{label(labels.outcomes[s.opinionOutcome], s.opinionOutcome)}
                  </span>
                )}
              </Space>
              {s.points.map((p) => (
                <span key={p.number}>
                  {t('point')} {p.number}：{p.text}{' '}
                  {p.adoption ? (
                    <LabelTag table={labels.adoptions} value={p.adoption} />
                  ) : (
                    <Tag>{t('pending')}</Tag>
                  )}
                  {p.explanation ?? ''}
                </span>
              ))}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function OversightCard({
  divergences,
  conclusions,
  assessments,
}: {
  divergences: LinkageDivergence[];
  conclusions: InquiryConclusionView[];
  assessments: AssessmentBrief[];
}) {
  const t = useText();
  const { labels } = useWorkspace();
  return (
    <Card
      data-testid="linkage-oversight"
      title={sectionTitle(`${t('divergences')} · ${t('inquiryConclusions')} · ${t('assessments')}`)}
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        {divergences.map((d) => (
          <span key={`${d.itemId ?? ''}-${d.divergenceNumber}`}>
            {t('divergences')} {d.divergenceNumber}：{d.description}{' '}
            {d.open && <Tag className="tag-overdue">{t('open')}</Tag>}
          </span>
        ))}
        {conclusions.map((c) => (
          <span key={`${c.itemId}-${c.inquiryNumber}`}>
            {t('inquiry')} {c.inquiryNumber}：
            <LabelTag table={labels.inquiryConclusions} value={c.effectiveConclusion} />
          </span>
        ))}
        {assessments.map((a) => (
          <span key={a.assessmentId}>
            {t('assessments')}：{a.title}（{a.reportedOn}）
            <LabelTag table={labels.assessmentJudgments} value={a.judgment} />
          </span>
        ))}
        {divergences.length + conclusions.length + assessments.length === 0 && t('empty')}
      </Space>
    </Card>
  );
}

/**
 * A record of the view as of the picked date: the record, the picker, links that keep the date,
 * and what to show until the record is there (a spinner, or "not found / not yet" as of the date).
 */
function useAsOfRecord<T>(path: string) {
  const t = useText();
  const [asOf, setAsOf] = useAsOf();
  const { record, missing } = useRecord<T>(`${path}${queryOf({ asOf })}`);
  const withAsOf = (to: string) => (asOf ? `${to}?asOf=${asOf}` : to);
  const picker = <AsOfPicker asOf={asOf} change={setAsOf} />;
  const placeholder = missing ? (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {picker}
      <Alert
        type="warning"
        showIcon
        data-testid="not-found"
        message={asOf ? t('asOfNotYet') : t('notFound')}
      />
    </Space>
  ) : (
    <Spin />
  );
  return { record, asOf, withAsOf, picker, placeholder };
}

/** A decision in the linkage view: its items, stages, days in stage, lag, adoption, flags. */
export function LinkageDecisionPage({ decisionId }: { decisionId: string }) {
  const t = useText();
  const { label } = useI18n();
  const { labels } = useWorkspace();
  const {
    record: d,
    asOf,
    withAsOf,
    picker,
    placeholder,
  } = useAsOfRecord<LinkageDecisionDetail>(`/api/linkage/decisions/${decisionId}`);
  if (!d) return placeholder;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1280 }}>
      <PageTitle testId="linkage-title">
        {officialNumber(d.documentNumber)} {d.title}
      </PageTitle>
      {picker}
      <AsOfBanner asOf={asOf} />
      <Card>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('decidedOn')}>{d.decidedOn}</Descriptions.Item>
          <Descriptions.Item label={t('kind')}>
            <LabelTag table={labels.decisionKinds} value={d.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('followUp')}>
            {d.followUp ? (
              <LabelTag table={labels.followUpKinds} value={d.followUp} />
            ) : (
              t('followUpNone')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('lagToAdoption')}>
            {daysText(d.lag.toAdoptionDays, t('days'))}
          </Descriptions.Item>
          <Descriptions.Item label={t('lagToInForce')}>
            {daysText(d.lag.toInForceDays, t('days'))}
          </Descriptions.Item>
          <Descriptions.Item label={t('flags')}>
            <Flags flags={d.flags} />
          </Descriptions.Item>
          <Descriptions.Item label={t('adoption')}>
            <AdoptionText adoption={d.adoption} />
          </Descriptions.Item>
          <Descriptions.Item label={t('policyAreas')}>{d.policyAreas.join('、')}</Descriptions.Item>
        </Descriptions>
        <PageLink to={`/decisions/${decisionId}`}>{t('decision')}</PageLink>
      </Card>
      <Card title={sectionTitle(t('linkedItems'))}>
        <Table<LinkageItemBrief>
          data-testid="linkage-decision-items"
          rowKey="itemId"
          dataSource={d.items}
          pagination={false}
          locale={{ emptyText: t('empty') }}
          columns={[
            {
              title: t('title'),
              dataIndex: 'title',
              render: (_: unknown, i) => (
                <PageLink to={withAsOf(`/linkage/items/${i.itemId}`)}>{i.title}</PageLink>
              ),
            },
            {
              title: t('itemKind'),
              dataIndex: 'kind',
              render: (v: string) => <LabelTag table={labels.itemKinds} value={v} />,
            },
            {
              title: t('stage'),
              dataIndex: 'stage',
              render: (_: unknown, i) => (
                <Tag data-testid="item-stage">{label(i.stageLabel ?? undefined, i.stage)}</Tag>
              ),
            },
            { title: t('stageSince'), dataIndex: 'stageSince' },
            {
              title: t('daysInStage'),
              dataIndex: 'daysInStage',
              render: (n: number | null) => daysText(n, t('days')),
            },
            {
              title: t('lagToAdoption'),
              dataIndex: 'lagToAdoptionDays',
              render: (n: number | null) => daysText(n, t('days')),
            },
            {
              title: t('lagToInForce'),
              dataIndex: 'lagToInForceDays',
              render: (n: number | null) => daysText(n, t('days')),
            },
            { title: t('rationale'), dataIndex: 'rationale' },
            {
              title: t('flags'),
              key: 'flags',
              render: (_: unknown, i) => <Flags flags={i.flags} />,
            },
          ]}
        />
      </Card>
      <SubmissionsCard submissions={d.submissions} />
      <OversightCard
        divergences={d.divergences}
        conclusions={d.inquiryConclusions}
        assessments={d.assessments}
      />
    </Space>
  );
}

/** The reverse view: an item with the decisions it carries out, its plan and submissions. */
export function LinkageItemPage({ itemId }: { itemId: string }) {
  const t = useText();
  const { label } = useI18n();
  const { labels } = useWorkspace();
  const {
    record: i,
    asOf,
    withAsOf,
    picker,
    placeholder,
  } = useAsOfRecord<LinkageItemDetail>(`/api/linkage/items/${itemId}`);
  if (!i) return placeholder;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1280 }}>
      <PageTitle testId="linkage-title">{i.title}</PageTitle>
      {picker}
      <AsOfBanner asOf={asOf} />
      <Card>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('itemKind')}>
            <LabelTag table={labels.itemKinds} value={i.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('stage')}>
            <Tag data-testid="item-stage">{label(i.stageLabel ?? undefined, i.stage)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('daysInStage')}>
            {daysText(i.daysInStage, t('days'))}
          </Descriptions.Item>
          <Descriptions.Item label={t('proposedOn')}>{i.proposedOn}</Descriptions.Item>
          <Descriptions.Item label={t('readingsTitle')}>{i.readings}</Descriptions.Item>
          <Descriptions.Item label={t('flags')}>
            <Flags flags={i.flags} />
          </Descriptions.Item>
          <Descriptions.Item label={t('adoption')}>
            <AdoptionText adoption={i.adoption} />
          </Descriptions.Item>
          <Descriptions.Item label={t('plannedIn')}>
            {i.plan ? (i.plan.title ?? i.plan.planId) : '—'}
          </Descriptions.Item>
        </Descriptions>
        <PageLink to={`/items/${itemId}`}>{t('item')}</PageLink>
      </Card>
      <Card title={sectionTitle(t('reverseView'))}>
        <Table
          data-testid="linkage-item-decisions"
          rowKey="decisionId"
          dataSource={i.decisions}
          pagination={false}
          locale={{ emptyText: t('empty') }}
          columns={[
            {
              title: t('documentNumber'),
              dataIndex: 'documentNumber',
              render: (v: string) => officialNumber(v),
            },
            {
              title: t('title'),
              dataIndex: 'title',
              render: (_: unknown, d: LinkageItemDetail['decisions'][number]) => (
                <PageLink to={withAsOf(`/linkage/decisions/${d.decisionId}`)}>{d.title}</PageLink>
              ),
            },
            { title: t('decidedOn'), dataIndex: 'decidedOn' },
            { title: t('rationale'), dataIndex: 'rationale' },
            {
              title: t('lagToAdoption'),
              dataIndex: 'lagToAdoptionDays',
              render: (n: number | null) => daysText(n, t('days')),
            },
            {
              title: t('lagToInForce'),
              dataIndex: 'lagToInForceDays',
              render: (n: number | null) => daysText(n, t('days')),
            },
          ]}
        />
      </Card>
      <SubmissionsCard submissions={i.submissions} />
      <OversightCard
        divergences={i.divergences}
        conclusions={i.inquiryConclusions}
        assessments={i.assessments}
      />
    </Space>
  );
}
