import { Alert, Card, Descriptions, List, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Page } from '../../api';
import { isOffice } from '../../auth';
import { beijingDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { useWorkspace } from '../../workspace';
import { LinksCard } from './Links';
import { ActionBar, ActionSpec } from './actions';
import { ListPage } from './ListPage';
import {
  LabelTag,
  PageLink,
  PageTitle,
  officialNumber,
  sectionTitle,
  useOptions,
  useRecord,
  useRecordNames,
  useSides,
} from './shared';
import { useText } from './text';
import { DecisionSummary, ItemSummary, ProposalDetail, ProposalSummary } from './types';

/** The decisions the user reads, as select options ("〔2025〕12号 title"). */
function useDecisionOptions(enabled: boolean) {
  const { api } = useWorkspace();
  const [decisions, setDecisions] = useState<DecisionSummary[]>([]);
  useEffect(() => {
    if (!enabled) return;
    void api
      .get<Page<DecisionSummary>>('/api/decisions?limit=200')
      .then((page) => setDecisions(page.items));
  }, [api, enabled]);
  return decisions.map((d) => ({
    value: d.decisionId,
    label: `${officialNumber(d.documentNumber)} ${d.title}`,
  }));
}

/**
 * Committee-initiated legislative proposals (党委立法建议): the office transfers one to the
 * Standing Committee's or the government's Party group and sees the answer; the receiver answers.
 */
export function ProposalsPage() {
  const t = useText();
  const { lang } = useI18n();
  const { api, labels, session } = useWorkspace();
  const options = useOptions();
  const office = isOffice(session);
  const decisionOptions = useDecisionOptions(office);
  const transfer: ActionSpec = {
    key: 'transfer-proposal',
    label: t('transferProposal'),
    fields: [
      {
        name: 'route',
        label: t('route'),
        kind: 'select',
        required: true,
        options: options(labels.proposalRoutes),
      },
      {
        name: 'itemKind',
        label: t('itemKind'),
        kind: 'select',
        required: true,
        options: options(labels.itemKinds),
      },
      { name: 'title', label: t('title'), kind: 'text', required: true },
      { name: 'summary', label: t('summary'), kind: 'textarea', required: true },
      { name: 'decisionId', label: t('relatedDecision'), kind: 'select', options: decisionOptions },
    ],
    run: (values) =>
      api.post<{ proposalId: string }>('/api/proposals', {
        ...values,
        decisionId: values.decisionId ?? undefined,
      }),
  };

  return (
    <ListPage<ProposalSummary>
      title={t('proposals')}
      testId="proposals"
      path="/api/proposals"
      rowKey="proposalId"
      actions={office ? [transfer] : []}
      done={(result) => navigate(`/proposals/${(result as { proposalId: string }).proposalId}`)}
      filters={[
        {
          name: 'status',
          label: t('status'),
          kind: 'select',
          options: options(labels.proposalStatuses),
          width: 140,
        },
        {
          name: 'route',
          label: t('route'),
          kind: 'select',
          options: options(labels.proposalRoutes),
          width: 200,
        },
      ]}
      columns={[
        {
          title: t('title'),
          dataIndex: 'title',
          render: (_: unknown, r) => (
            <PageLink to={`/proposals/${r.proposalId}`}>{r.title}</PageLink>
          ),
        },
        {
          title: t('route'),
          dataIndex: 'route',
          render: (v: string) => <LabelTag table={labels.proposalRoutes} value={v} />,
        },
        {
          title: t('itemKind'),
          dataIndex: 'itemKind',
          render: (v: string) => <LabelTag table={labels.itemKinds} value={v} />,
        },
        {
          title: t('status'),
          dataIndex: 'status',
          render: (v: string) => <LabelTag table={labels.proposalStatuses} value={v} />,
        },
        {
          title: t('answer'),
          dataIndex: 'answer',
          render: (v: string | null) => <LabelTag table={labels.proposalAnswers} value={v} />,
        },
        {
          title: `${t('transferredAt')} ${t('beijingTime')}`,
          dataIndex: 'transferredAt',
          render: (v: string) => beijingDateTime(v, lang),
        },
      ]}
    />
  );
}

/** One proposal: what the committee proposed, the receivers' argumentation and answers. */
export function ProposalPage({ proposalId }: { proposalId: string }) {
  const t = useText();
  const { lang } = useI18n();
  const { api, labels, session } = useWorkspace();
  const options = useOptions();
  const sides = useSides();
  const { record: p, missing, reload } = useRecord<ProposalDetail>(`/api/proposals/${proposalId}`);
  const names = useRecordNames([
    ...(p?.decisionId ? [{ kind: 'decision', id: p.decisionId }] : []),
    ...(p?.links ?? []).map((l) => (l.from.id === proposalId ? l.to : l.from)),
  ]);
  const receiver =
    !!p &&
    (session.roles.includes('legislature') || session.roles.includes('party_group')) &&
    (session.organisationId === p.receiverId || sides.legislature(p.receiverId));
  const [items, setItems] = useState<ItemSummary[]>([]);
  useEffect(() => {
    if (!receiver) return;
    void api.get<Page<ItemSummary>>('/api/items?limit=200').then((page) => setItems(page.items));
  }, [api, receiver]);

  if (missing) return <Alert type="warning" showIcon message={t('notFound')} />;
  if (!p) return <Spin />;

  const base = `/api/proposals/${proposalId}`;
  const actions: ActionSpec[] = [];
  if (receiver && p.status === 'transferred') {
    actions.push({
      key: 'argue',
      label: t('argue'),
      fields: [
        { name: 'arguedOn', label: t('arguedOn'), kind: 'date', required: true },
        { name: 'note', label: t('note'), kind: 'textarea', required: true },
      ],
      run: (v) => api.post(`${base}/argumentation`, v),
    });
  }
  if (receiver && p.status === 'argued') {
    const answers = options(labels.proposalAnswers).filter(
      (o) => p.route === 'government' || o.value !== 'outside_government_power',
    );
    actions.push({
      key: 'answer-proposal',
      label: t('answerProposal'),
      fields: [
        { name: 'answer', label: t('answer'), kind: 'select', required: true, options: answers },
        { name: 'explanation', label: t('explanation'), kind: 'textarea' },
        {
          name: 'itemId',
          label: t('item'),
          kind: 'select',
          options: items.map((i) => ({ value: i.itemId, label: i.title })),
        },
      ],
      run: (v) =>
        api.post(`${base}/answer`, {
          answer: v.answer,
          explanation: v.explanation || undefined,
          itemId: v.itemId ?? undefined,
        }),
    });
  }
  const when = (iso: string | null) => `${beijingDateTime(iso, lang)} ${t('beijingTime')}`;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1080 }}>
      <PageTitle testId="proposal-title">{p.title}</PageTitle>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('status')}>
            <LabelTag table={labels.proposalStatuses} value={p.status} testId="status" />
          </Descriptions.Item>
          <Descriptions.Item label={t('answer')}>
            <LabelTag table={labels.proposalAnswers} value={p.answer} testId="answer" />
          </Descriptions.Item>
          <Descriptions.Item label={t('route')}>
            <LabelTag table={labels.proposalRoutes} value={p.route} />
          </Descriptions.Item>
          <Descriptions.Item label={t('itemKind')}>
            <LabelTag table={labels.itemKinds} value={p.itemKind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('transferredAt')}>{when(p.transferredAt)}</Descriptions.Item>
          <Descriptions.Item label={t('answeredAt')}>{when(p.answeredAt)}</Descriptions.Item>
          {p.decisionId && (
            <Descriptions.Item label={t('relatedDecision')}>
              <PageLink to={`/decisions/${p.decisionId}`}>
                {names[p.decisionId] ?? p.decisionId}
              </PageLink>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>
          {p.summary}
        </Typography.Paragraph>
      </Card>
      <Card title={sectionTitle(t('actions'))}>
        <ActionBar actions={actions} done={reload} />
      </Card>
      <Card title={sectionTitle(t('argumentation'))}>
        <List
          dataSource={p.arguments}
          locale={{ emptyText: t('empty') }}
          renderItem={(a) => (
            <List.Item>
              {a.arguedOn}：{a.note}
            </List.Item>
          )}
        />
      </Card>
      <Card title={sectionTitle(t('answers'))}>
        <List
          data-testid="answers"
          dataSource={p.answers}
          locale={{ emptyText: t('empty') }}
          renderItem={(a) => (
            <List.Item>
              <Space orientation="vertical" size={2}>
                <span>
                  <LabelTag table={labels.proposalAnswers} value={a.answer} />
                  {when(a.answeredAt)}
                </span>
                {a.explanation && <span>{a.explanation}</span>}
                {a.itemId && <PageLink to={`/items/${a.itemId}`}>{t('item')}</PageLink>}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <LinksCard
        links={p.links}
        self={proposalId}
        names={names}
        mayRemove={() => false}
        changed={reload}
      />
    </Space>
  );
}
