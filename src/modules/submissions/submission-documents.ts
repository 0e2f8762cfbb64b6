import { Injectable } from '@nestjs/common';
import {
  CLASSIFICATION_LABELS,
  Classification,
  MEETING_KIND_LABELS,
  OUTCOME_LABELS,
  OpinionOutcome,
} from '../../events/submission-events';
import { ActorContext, OrganisationDirectory } from '../../platform/access/actor';
import {
  OfficialDocument,
  chineseDate,
  chineseNumber,
  officialDocumentDocx,
} from '../../platform/documents/official-document';
import { BusinessRuleError, NotFoundError } from '../../platform/kernel/domain-errors';
import { beijingDate } from '../calendar/working-day-calendar';
import { SubmissionQueries } from './submission-queries';
import { SubmissionDetailView } from './submission.dto';

/** A DOCX and the names it is downloaded under. */
export interface DocumentFile {
  bytes: Buffer;
  /** The document's own title, for the user. */
  filename: string;
  /** ASCII, for clients that do not read `filename*` (RFC 6266). */
  fallbackFilename: string;
}

type HistoryEntry = SubmissionDetailView['history'][number];

const dayOf = (instant: string | null) => (instant ? beijingDate(new Date(instant)) : null);

/** What no file system takes in a name, and control characters; at most 80 characters. */
function safeFilename(title: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
  return `${[...clean].slice(0, 80).join('') || 'document'}.docx`;
}

/** 关于《…》有关问题的请示 → 关于《…》有关问题的意见. */
export function opinionTitle(submissionTitle: string): string {
  const core = submissionTitle
    .trim()
    .replace(/^关于/, '')
    .replace(/的(请示|报告)$/, '');
  return `关于${core}的意见`;
}

/**
 * The official documents of a submission (GB/T 9704-2012): the request or report as the Party
 * group sends it upward, and the committee's opinion on it. Built from the detail view itself,
 * so a document is readable exactly when the detail is (404 otherwise).
 */
@Injectable()
export class SubmissionDocuments {
  constructor(
    private readonly queries: SubmissionQueries,
    private readonly directory: OrganisationDirectory,
  ) {}

  private async nameOf(organisationId: string): Promise<string> {
    return (await this.directory.find(organisationId))?.nameZh ?? organisationId;
  }

  /** 份号 and 密级: every copy of a classified document is numbered. */
  private classified(detail: SubmissionDetailView, copyNumber: number | undefined) {
    const classification = detail.classification as Classification;
    if (classification !== 'internal' && copyNumber === undefined) {
      throw new BusinessRuleError(
        'copyNumber',
        'required_for_classified',
        `A ${CLASSIFICATION_LABELS[classification].en.toLowerCase()} (${CLASSIFICATION_LABELS[classification].zh}) document carries the number of its copy (份号): give copyNumber`,
      );
    }
    return {
      copyNumber: copyNumber ?? null,
      classification:
        classification === 'internal' ? null : CLASSIFICATION_LABELS[classification].zh,
    };
  }

  /** The request or report (请示/报告) as sent upward, with 签发人. */
  async submission(id: string, actor: ActorContext, copyNumber?: number): Promise<DocumentFile> {
    const detail = await this.queries.detail(id, actor);
    const sent = lastOf(detail.history, 'SubmissionSubmitted');
    const issuer = await this.nameOf(detail.submittingOrganisationId);
    const text = detail.body.trim() || detail.summary.trim();
    const doc: OfficialDocument = {
      ...this.classified(detail, copyNumber),
      issuingBodyMark: `${issuer}文件`,
      documentNumber: detail.documentNumber,
      signer: sent ? (sent.actor.userName ?? sent.actor.userId) : null,
      title: detail.title,
      addressee: await this.nameOf(detail.addressedCommitteeId),
      paragraphs: paragraphsOf(text),
      signature: issuer,
      date: dayOf(detail.submittedAt),
      printedBy: {
        body: await this.nameOf(sent?.actor.organisationId ?? detail.submittingOrganisationId),
        date: dayOf(detail.submittedAt),
      },
    };
    return {
      bytes: await officialDocumentDocx(doc),
      filename: safeFilename(
        detail.documentNumber ? `${detail.documentNumber} ${detail.title}` : detail.title,
      ),
      fallbackFilename: `submission-${id}.docx`,
    };
  }

  /** The committee's written opinion on the submission, point by point; 404 before it is issued. */
  async opinion(id: string, actor: ActorContext, copyNumber?: number): Promise<DocumentFile> {
    const detail = await this.queries.detail(id, actor);
    const opinion = detail.opinion;
    if (!opinion) throw new NotFoundError(`Submission ${id} has no opinion yet`);
    const committee = await this.nameOf(detail.addressedCommitteeId);
    const issued = lastOf(detail.history, 'OpinionIssued');
    const meeting = lastOf(detail.history, 'CommitteeMeetingRecorded');
    const meetingKind = meeting?.data.meetingKind as keyof typeof MEETING_KIND_LABELS | undefined;
    const outcome = OUTCOME_LABELS[opinion.outcome as OpinionOutcome].zh;
    const points = opinion.points.map((p) => `${chineseNumber(p.number)}、${p.text.trim()}`);
    const opening =
      `你组《${detail.title}》${detail.documentNumber ? `（${detail.documentNumber}）` : ''}收悉。` +
      `经${meetingKind ? MEETING_KIND_LABELS[meetingKind].zh : ''}研究，${outcome}。` +
      (points.length > 0 ? '现提出如下意见：' : '');
    const closing = opinion.feedbackDueBy
      ? [`请认真研究，并于${chineseDate(opinion.feedbackDueBy)}前将各项意见的采纳情况逐条反馈。`]
      : [];
    const title = opinionTitle(detail.title);
    const doc: OfficialDocument = {
      ...this.classified(detail, copyNumber),
      issuingBodyMark: `${committee}文件`,
      documentNumber: opinion.documentNumber,
      signer: null,
      title,
      addressee: await this.nameOf(detail.submittingOrganisationId),
      paragraphs: [opening, ...points, ...closing],
      signature: committee,
      date: dayOf(opinion.issuedAt),
      printedBy: {
        body: await this.nameOf(issued?.actor.organisationId ?? detail.addressedCommitteeId),
        date: dayOf(opinion.issuedAt),
      },
    };
    return {
      bytes: await officialDocumentDocx(doc),
      filename: safeFilename(opinion.documentNumber ? `${opinion.documentNumber} ${title}` : title),
      fallbackFilename: `opinion-${id}.docx`,
    };
  }
}

function lastOf(history: HistoryEntry[], type: string): HistoryEntry | undefined {
  return history.filter((e) => e.type === type).pop();
}

function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
