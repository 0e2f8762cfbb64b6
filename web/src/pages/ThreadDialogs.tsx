import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { LabelTable, Organisation, Page, SubmissionDetail } from '../api';
import { defineText, useI18n } from '../i18n';
import { useWorkspace } from '../workspace';
import { StepDialog } from './StepDialog';

/** The steps the thread takes in a dialog; the opinion and feedback have pages of their own. */
export type ThreadDialog =
  | { kind: 'discuss' }
  | { kind: 'receive' }
  | { kind: 'request-material' }
  | { kind: 'supply'; requestNumber: number }
  | { kind: 'meeting' }
  | { kind: 'withdraw' }
  | { kind: 'grant' };

const useText = defineText({
  requestMaterial: { zh: '要求补充材料', en: 'Request supplementary material' },
  materialWanted: { zh: '需补充的材料', en: 'Material wanted' },
  materialDueBy: { zh: '补充期限', en: 'Due by' },
  supplyMaterial: { zh: '补充材料（第{n}轮）', en: 'Supply material (round {n})' },
  materialSupplied: { zh: '补充材料说明', en: 'What is supplied' },
  documentReferences: { zh: '附件（可输入多项，回车分隔）', en: 'Documents (Enter after each)' },
  recordMeeting: { zh: '记录党委会议研究', en: 'Record the committee meeting' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  reason: { zh: '撤回理由', en: 'Reason' },
  grantViewer: { zh: '授权查阅', en: 'Grant a viewer' },
  grantOrganisation: { zh: '授权单位', en: 'Organisation' },
  grantUser: { zh: '或授权用户（用户标识）', en: 'Or a user (user id)' },
});

const day = (value: unknown) => (value as Dayjs).format('YYYY-MM-DD');

/** The dialog of the step the thread asked for, posting to the command the API generates. */
export function ThreadDialogs({
  dialog,
  detail,
  onClose,
}: {
  dialog: ThreadDialog | null;
  detail: SubmissionDetail;
  onClose(done: boolean): void;
}) {
  const { t, label, lang } = useI18n();
  const text = useText();
  const { api, labels, session } = useWorkspace();
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const base = `/api/submissions/${detail.submissionId}`;
  const required = [{ required: true, message: t('required') }];
  const options = (table: LabelTable) =>
    Object.entries(table).map(([value, l]) => ({ value, label: label(l) }));
  const kind = dialog?.kind;

  useEffect(() => {
    if (kind !== 'grant') return;
    void api
      .get<Page<Organisation>>('/api/organisations?limit=100')
      .then((page) =>
        setOrganisations(page.items.filter((o) => o.organisationId !== session.organisationId)),
      );
  }, [api, kind, session.organisationId]);

  const common = { open: true, onClose };
  switch (dialog?.kind) {
    case 'discuss':
      return (
        <StepDialog
          {...common}
          testId="dialog-discuss"
          title={t('recordDiscussion')}
          submit={(v: Record<string, unknown>) =>
            api.post(`${base}/party-group-discussion`, {
              meetingKind: v.meetingKind,
              meetingDate: day(v.meetingDate),
              minutesReference: v.minutesReference,
            })
          }
        >
          <Form.Item label={t('meetingKind')} name="meetingKind" rules={required}>
            <Select options={options(labels.partyGroupMeetingKinds)} />
          </Form.Item>
          <Form.Item label={t('meetingDate')} name="meetingDate" rules={required}>
            <DatePicker />
          </Form.Item>
          <Form.Item label={t('minutesReference')} name="minutesReference" rules={required}>
            <Input maxLength={200} placeholder="党组会议纪要〔2025〕5号" />
          </Form.Item>
        </StepDialog>
      );
    case 'receive':
      return (
        <StepDialog
          {...common}
          testId="dialog-receive"
          title={t('receive')}
          submit={(v: { officeLogNumber: string }) => api.post(`${base}/receipt`, v)}
        >
          <Form.Item label={t('officeLogNumber')} name="officeLogNumber" rules={required}>
            <Input maxLength={100} placeholder="省委办收〔2025〕118号" />
          </Form.Item>
        </StepDialog>
      );
    case 'request-material':
      return (
        <StepDialog
          {...common}
          testId="dialog-request-material"
          title={text('requestMaterial')}
          submit={(v: Record<string, unknown>) =>
            api.post(`${base}/material-requests`, {
              description: v.description,
              dueBy: v.dueBy ? day(v.dueBy) : undefined,
            })
          }
        >
          <Form.Item label={text('materialWanted')} name="description" rules={required}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item label={text('materialDueBy')} name="dueBy" rules={required}>
            <DatePicker />
          </Form.Item>
        </StepDialog>
      );
    case 'supply':
      return (
        <StepDialog
          {...common}
          testId="dialog-supply"
          title={text('supplyMaterial').replace('{n}', String(dialog.requestNumber))}
          initialValues={{ documentReferences: [] }}
          submit={(v: { description: string; documentReferences?: string[] }) =>
            api.post(`${base}/material-requests/${dialog.requestNumber}/supply`, {
              description: v.description,
              documentReferences: v.documentReferences ?? [],
            })
          }
        >
          <Form.Item label={text('materialSupplied')} name="description" rules={required}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item label={text('documentReferences')} name="documentReferences">
            <Select mode="tags" open={false} suffixIcon={null} />
          </Form.Item>
        </StepDialog>
      );
    case 'meeting':
      return (
        <StepDialog
          {...common}
          testId="dialog-meeting"
          title={text('recordMeeting')}
          submit={(v: Record<string, unknown>) =>
            api.post(`${base}/committee-meetings`, {
              meetingKind: v.meetingKind,
              meetingDate: v.meetingDate ? day(v.meetingDate) : undefined,
              ...(v.minutesReference ? { minutesReference: v.minutesReference } : {}),
            })
          }
        >
          <Form.Item label={t('meetingKind')} name="meetingKind" rules={required}>
            <Select options={options(labels.committeeMeetingKinds)} />
          </Form.Item>
          <Form.Item label={t('meetingDate')} name="meetingDate" rules={required}>
            <DatePicker />
          </Form.Item>
          <Form.Item label={t('minutesReference')} name="minutesReference">
            <Input maxLength={200} placeholder="市委常委会会议纪要〔2025〕9号" />
          </Form.Item>
        </StepDialog>
      );
    case 'withdraw':
      return (
        <StepDialog
          {...common}
          testId="dialog-withdraw"
          title={text('withdraw')}
          submit={(v: { reason: string }) => api.post(`${base}/withdrawal`, v)}
        >
          <Form.Item label={text('reason')} name="reason" rules={required}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </StepDialog>
      );
    case 'grant':
      return (
        <StepDialog
          {...common}
          testId="dialog-grant"
          title={text('grantViewer')}
          submit={(v: { organisationId?: string; userId?: string }) =>
            api.post(`${base}/viewers`, {
              ...(v.organisationId ? { organisationId: v.organisationId } : {}),
              ...(v.userId ? { userId: v.userId } : {}),
            })
          }
        >
          <Form.Item label={text('grantOrganisation')} name="organisationId">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={organisations.map((o) => ({
                value: o.organisationId,
                label: lang === 'zh' ? o.nameZh : o.nameEn,
              }))}
            />
          </Form.Item>
          <Form.Item label={text('grantUser')} name="userId">
            <Input maxLength={200} />
          </Form.Item>
        </StepDialog>
      );
    default:
      return null;
  }
}
