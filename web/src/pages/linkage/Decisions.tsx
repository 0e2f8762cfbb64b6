import { isOffice } from '../../auth';
import { navigate } from '../../router';
import { useWorkspace } from '../../workspace';
import { ActionSpec } from './actions';
import { ListPage } from './ListPage';
import { LabelTag, PageLink, officialNumber, useOptions } from './shared';
import { useText } from './text';
import { DecisionSummary } from './types';

/**
 * The decisions register (党委决策登记): the committee's decisions the user reads, newest first,
 * with filters; the committee office records a decision here.
 */
export function DecisionsPage() {
  const t = useText();
  const { api, labels, session } = useWorkspace();
  const options = useOptions();
  const yesNo = [
    { value: 'true', label: t('yes') },
    { value: 'false', label: t('no') },
  ];
  const record: ActionSpec = {
    key: 'record-decision',
    label: t('recordDecision'),
    fields: [
      {
        name: 'documentNumber',
        label: t('documentNumber'),
        kind: 'text',
        required: true,
        max: 100,
        hint: t('documentNumberHint'),
      },
      { name: 'title', label: t('title'), kind: 'text', required: true },
      { name: 'summary', label: t('summary'), kind: 'textarea', required: true },
      { name: 'decidedOn', label: t('decidedOn'), kind: 'date', required: true },
      {
        name: 'kind',
        label: t('kind'),
        kind: 'select',
        required: true,
        options: options(labels.decisionKinds),
      },
      { name: 'policyAreas', label: t('policyAreas'), kind: 'tags', required: true, options: [] },
      {
        name: 'followUp',
        label: t('followUp'),
        kind: 'select',
        options: options(labels.followUpKinds),
      },
    ],
    run: (values) =>
      api.post<{ decisionId: string }>('/api/decisions', {
        ...values,
        documentNumber: officialNumber(values.documentNumber as string),
        followUp: values.followUp ?? null,
      }),
  };

  return (
    <ListPage<DecisionSummary>
      title={t('decisions')}
      testId="decisions"
      path="/api/decisions"
      rowKey="decisionId"
      actions={isOffice(session) ? [record] : []}
      done={(result) => navigate(`/decisions/${(result as { decisionId: string }).decisionId}`)}
      filters={[
        { name: 'policyArea', label: t('policyArea'), kind: 'text', width: 160 },
        { name: 'year', label: t('year'), kind: 'year' },
        {
          name: 'followUpNeeded',
          label: t('followUpNeeded'),
          kind: 'select',
          options: yesNo,
          width: 100,
        },
        {
          name: 'transmitted',
          label: t('transmitted'),
          kind: 'select',
          options: yesNo,
          width: 100,
        },
      ]}
      columns={[
        {
          title: t('documentNumber'),
          dataIndex: 'documentNumber',
          render: (v: string) => officialNumber(v),
        },
        {
          title: t('title'),
          dataIndex: 'title',
          render: (_: unknown, r) => (
            <PageLink to={`/decisions/${r.decisionId}`}>{r.title}</PageLink>
          ),
        },
        { title: t('decidedOn'), dataIndex: 'decidedOn' },
        {
          title: t('kind'),
          dataIndex: 'kind',
          render: (v: string) => <LabelTag table={labels.decisionKinds} value={v} />,
        },
        {
          title: t('policyAreas'),
          dataIndex: 'policyAreas',
          render: (v: string[]) => v.join('、'),
        },
        {
          title: t('followUp'),
          dataIndex: 'followUp',
          render: (v: string | null) =>
            v ? <LabelTag table={labels.followUpKinds} value={v} /> : t('followUpNone'),
        },
        {
          title: t('status'),
          dataIndex: 'status',
          render: (v: string) => <LabelTag table={labels.decisionStatuses} value={v} />,
        },
      ]}
    />
  );
}
