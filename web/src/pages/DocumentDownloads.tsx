import { App, Button, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { SubmissionDetail } from '../api';
import { defineText } from '../i18n';
import { useWorkspace } from '../workspace';

const useText = defineText({
  downloadDocument: { zh: '下载公文（DOCX）', en: 'Download document (DOCX)' },
  downloadOpinion: { zh: '下载意见（DOCX）', en: 'Download opinion (DOCX)' },
  copyNumber: { zh: '份号', en: 'Copy number' },
  copyNumberNeeded: {
    zh: '涉密公文须标注份号',
    en: 'A classified document needs a copy number',
  },
  failed: { zh: '下载失败', en: 'Download failed' },
});

/** The name the service gave the file: `filename*` (UTF-8) first, then `filename`. */
export function filenameOf(disposition: string | null, fallback: string): string {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (utf8) return decodeURIComponent(utf8[1]);
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/**
 * Downloads of the submission and, once issued, the opinion as official documents (GB/T
 * 9704-2012). The API needs the bearer token, so the file is fetched and handed to the browser
 * as a blob; a classified document asks for its copy number (份号) first.
 */
export function DocumentDownloads({ detail }: { detail: SubmissionDetail }) {
  const t = useText();
  const { session } = useWorkspace();
  const { message } = App.useApp();
  const [copyNumber, setCopyNumber] = useState<number | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const classified = detail.classification !== 'internal';
  const hasOpinion = detail.history.some((entry) => entry.type === 'OpinionIssued');

  async function download(which: 'document' | 'opinion') {
    setBusy(which);
    try {
      const query = copyNumber !== null ? `?copyNumber=${copyNumber}` : '';
      const response = await fetch(
        `/api/submissions/${detail.submissionId}/${which}.docx${query}`,
        { headers: { Authorization: `Bearer ${session.token}` } },
      );
      if (!response.ok) {
        const problem = (await response.json().catch(() => ({}))) as { detail?: string };
        throw new Error(problem.detail ?? `HTTP ${response.status}`);
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = filenameOf(
        response.headers.get('Content-Disposition'),
        `${which}-${detail.submissionId}.docx`,
      );
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      message.error(`${t('failed')}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(null);
    }
  }

  const blocked = classified && copyNumber === null;
  return (
    <Space wrap data-testid="document-downloads">
      {classified && (
        <InputNumber
          aria-label={t('copyNumber')}
          placeholder={t('copyNumber')}
          title={t('copyNumberNeeded')}
          min={1}
          max={999999}
          precision={0}
          value={copyNumber}
          onChange={(value) => setCopyNumber(value)}
          data-testid="copy-number"
        />
      )}
      <Button
        disabled={blocked}
        loading={busy === 'document'}
        onClick={() => void download('document')}
        data-testid="download-document"
      >
        {t('downloadDocument')}
      </Button>
      {hasOpinion && (
        <Button
          disabled={blocked}
          loading={busy === 'opinion'}
          onClick={() => void download('opinion')}
          data-testid="download-opinion"
        >
          {t('downloadOpinion')}
        </Button>
      )}
    </Space>
  );
}
