import { Alert, Button, Card, Descriptions, List, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Page } from '../../api';
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
  useRecord,
  useRecordNames,
  useSides,
} from './shared';
import { useText } from './text';
import { DecisionDetail, DecisionSummary } from './types';

/**
 * One committee decision: its particulars, transmission and acknowledgement, follow-up reports,
 * supersession and links; the steps open to the user's side in its state.
 */
export function DecisionPage({ decisionId }: { decisionId: string }) {
  const t = useText();
  const { lang } = useI18n();
  const { api, labels } = useWorkspace();
  const sides = useSides();
  const { record: d, missing, reload } = useRecord<DecisionDetail>(`/api/decisions/${decisionId}`);
  const [others, setOthers] = useState<DecisionSummary[]>([]);
  const names = useRecordNames(
    (d?.links ?? []).map((l) => (l.from.id === decisionId ? l.to : l.from)),
  );
  const office = !!d && sides.committeeOffice(d.committeeId);
  useEffect(() => {
    if (!office) return;
    api
      .get<Page<DecisionSummary>>('/api/decisions?limit=200')
      .then((page) => setOthers(page.items.filter((o) => o.decisionId !== decisionId)));
  }, [api, office, decisionId]);

  if (missing) return <Alert type="warning" showIcon message={t('notFound')} />;
  if (!d) return <Spin />;

  const legislature = sides.legislature(d.legislatureId);
  const actions: ActionSpec[] = [];
  const base = `/api/decisions/${decisionId}`;
  if (office && d.status === 'recorded')
    actions.push({
      key: 'transmit',
      label: t('transmit'),
      fields: [],
      run: () => api.post(`${base}/transmission`, {}),
    });
  if (legislature && d.status === 'transmitted')
    actions.push({
      key: 'acknowledge',
      label: t('acknowledge'),
      fields: [],
      run: () => api.post(`${base}/acknowledgement`, {}),
    });
  if (legislature && d.status === 'acknowledged' && d.followUp)
    actions.push({
      key: 'report-follow-up',
      label: t('reportFollowUp'),
      fields: [
        { name: 'text', label: t('reportText'), kind: 'textarea', required: true, max: 10000 },
      ],
      run: (values) => api.post(`${base}/follow-up-reports`, values),
    });
  if (office && d.status !== 'superseded')
    actions.push({
      key: 'supersede',
      label: t('supersede'),
      fields: [
        {
          name: 'supersededByDecisionId',
          label: t('supersededBy'),
          kind: 'select',
          required: true,
          options: others.map((o) => ({
            value: o.decisionId,
            label: `${officialNumber(o.documentNumber)} ${o.title}`,
          })),
        },
      ],
      run: (values) => api.post(`${base}/supersession`, values),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1080 }}>
      <PageTitle testId="decision-title">{d.title}</PageTitle>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('documentNumber')}>
            <span data-testid="document-number">{officialNumber(d.documentNumber)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('status')}>
            <LabelTag table={labels.decisionStatuses} value={d.status} testId="status" />
          </Descriptions.Item>
          <Descriptions.Item label={t('decidedOn')}>{d.decidedOn}</Descriptions.Item>
          <Descriptions.Item label={t('kind')}>
            <LabelTag table={labels.decisionKinds} value={d.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('policyAreas')}>{d.policyAreas.join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('followUp')}>
            {d.followUp ? (
              <LabelTag table={labels.followUpKinds} value={d.followUp} />
            ) : (
              t('followUpNone')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={`${t('transmittedAt')} ${t('beijingTime')}`}>
            {beijingDateTime(d.transmittedAt, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={`${t('acknowledgedAt')} ${t('beijingTime')}`}>
            {beijingDateTime(d.acknowledgedAt, lang)}
          </Descriptions.Item>
          {d.supersededByDecisionId && (
            <Descriptions.Item label={t('supersededBy')}>
              <PageLink to={`/decisions/${d.supersededByDecisionId}`}>
                {d.supersededByDecisionId}
              </PageLink>
            </Descriptions.Item>
          )}
          {d.supersedes.length > 0 && (
            <Descriptions.Item label={t('supersedes')}>
              {d.supersedes.map((id) => (
                <PageLink key={id} to={`/decisions/${id}`}>
                  {id}
                </PageLink>
              ))}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>
          {d.summary}
        </Typography.Paragraph>
        <Button
          onClick={() => navigate(`/linkage/decisions/${decisionId}`)}
          data-testid="to-linkage"
        >
          {t('openLinkage')}
        </Button>
      </Card>
      <Card title={sectionTitle(t('actions'))}>
        <ActionBar actions={actions} done={reload} />
      </Card>
      {d.followUpReports.length > 0 && (
        <Card title={sectionTitle(t('followUpReports'))}>
          <List
            dataSource={d.followUpReports}
            renderItem={(r) => (
              <List.Item>
                {r.reportNumber}. {r.text}（{beijingDateTime(r.reportedAt, lang)}）
              </List.Item>
            )}
          />
        </Card>
      )}
      <LinksCard
        links={d.links}
        self={decisionId}
        names={names}
        mayRemove={(link) =>
          ['implements', 'reports_on', 'answers'].includes(link.type)
            ? sides.legislature(d.legislatureId)
            : office
        }
        changed={reload}
      />
    </Space>
  );
}
