import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { OpinionDispositionDraftedV1, OpinionSubmittedV1 } from '../../events/consultation-events';
import { ActorContext, OrganisationDirectory } from '../../platform/access/actor';
import { CommandHandler, deterministicUuid } from '../../platform/commands/command-handler';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { NotFoundError } from '../../platform/kernel/domain-errors';
import { statement } from '../../platform/kernel/projection';
import { organisationAggregate } from '../organisations/organisation.aggregate';
import { CollectingOffice, TellingBackItem } from './consultation-record.decider';
import { ConsultationState, consultationAggregate } from './consultation.decider';
import { DispositionDto, OpinionDto } from './consultation.dto';
import { Contact, ContributorKeys } from './contributor-keys';
import { screenPersonalData } from './personal-data-screening';

/** What building a consultation command looks up: the consultation, the office, the read model. */
@Injectable()
export class ConsultationCommandEnvironment {
  constructor(
    readonly directory: OrganisationDirectory,
    readonly keys: ContributorKeys,
    private readonly commands: CommandHandler,
    private readonly read: ReadDatabase,
  ) {}

  /** The consultation (public to every caller): 404 when there is none. */
  async consultation(consultationId: string): Promise<ConsultationState> {
    const { state } = await this.commands.load(consultationAggregate, consultationId);
    if (!state.opened) throw new NotFoundError(`Consultation ${consultationId} not found`);
    return state;
  }

  /** The caller's outreach office with the legislatures it serves; null for anyone else. */
  async officeOf(actor: ActorContext): Promise<CollectingOffice | null> {
    if (actor.organisation.kind !== 'outreach_office') return null;
    const { state } = await this.commands.load(
      organisationAggregate,
      actor.organisation.organisationId,
    );
    return {
      organisationId: actor.organisation.organisationId,
      legislatureIds: state.registered ? (state.outreach?.legislatureIds ?? []) : [],
    };
  }

  /**
   * The opinions of an intake as events: ids derived from the record (a retried request gets
   * the same ids and receipt codes), a pseudonymous contributor each, contacts sealed. An
   * intake's ids share the record's prefix and end in their index, so its thousand opinions
   * sit side by side in the read model's indexes rather than on a random page each.
   */
  opinions(
    recordId: string,
    consultation: ConsultationState,
    channel: OpinionSubmittedV1['channel'],
    officeId: string | null,
    items: OpinionDto[],
  ): OpinionSubmittedV1[] {
    if (!consultation.opened) return [];
    const contributors = this.keys.contributorsFor(items.map((o) => o.contact ?? null));
    const prefix = deterministicUuid('opinion', recordId).slice(0, 28);
    const ivs = randomBytes(12 * items.length);
    return items.map((o, i) => {
      const opinionId = `${prefix}${i.toString(16).padStart(8, '0')}`;
      // What people type into the text about themselves is sealed with their contact instead.
      const { text, found } = screenPersonalData(o.text);
      const contact: Contact | null =
        found.length > 0 ? { ...o.contact, fromText: found } : (o.contact ?? null);
      // Keys in sorted order: the store's canonical JSON of the event is then the native one.
      return {
        articleIds: [...new Set(o.articleIds)],
        channel,
        consultationId: consultation.consultationId,
        contact: contact
          ? ContributorKeys.seal(contributors[i], contact, ivs.subarray(12 * i, 12 * i + 12))
          : null,
        contributorId: contributors[i].contributorId,
        legislatureId: consultation.legislatureId,
        officeId,
        opinionId,
        receiptDigest: ContributorKeys.receiptDigest(this.keys.receiptCode(opinionId)),
        tellBackByOffice: officeId !== null && (o.tellBackByOffice ?? false),
        text,
        version: consultation.round.version,
      };
    });
  }

  /**
   * One disposition event per opinion: clusters expanded to their members. Opinions and
   * clusters that are not this consultation's are returned as `unknown`, naming the field.
   */
  dispositions(
    consultation: ConsultationState,
    items: DispositionDto[],
  ): { dispositions: OpinionDispositionDraftedV1[]; unknown: [string, string][] } {
    if (!consultation.opened) return { dispositions: [], unknown: [] };
    const { consultationId, legislatureId } = consultation;
    const unknown: [string, string][] = [];
    const dispositions: OpinionDispositionDraftedV1[] = [];
    const inConsultation = statement<[string, string], { one: number }>(
      this.read.db,
      `SELECT 1 AS one FROM rm_opinions WHERE opinion_id = ? AND consultation_id = ?`,
    );
    const members = statement<[string, string], { opinion_id: string }>(
      this.read.db,
      `SELECT opinion_id FROM rm_opinions WHERE cluster_id = ? AND consultation_id = ? ORDER BY seq`,
    );
    items.forEach((item, i) => {
      const ids: string[] = [];
      if (item.clusterId) {
        const found = members.all(item.clusterId, consultationId).map((r) => r.opinion_id);
        if (found.length === 0) unknown.push([`dispositions[${i}].clusterId`, item.clusterId]);
        ids.push(...found);
      }
      (item.opinionIds ?? []).forEach((id, j) => {
        if (!inConsultation.get(id, consultationId))
          unknown.push([`dispositions[${i}].opinionIds[${j}]`, id]);
        else ids.push(id);
      });
      if (!item.clusterId && !item.opinionIds)
        unknown.push([`dispositions[${i}].opinionIds`, '(none)']);
      for (const opinionId of new Set(ids)) {
        dispositions.push({
          opinionId,
          consultationId,
          legislatureId,
          clusterId: item.clusterId ?? null,
          outcome: item.outcome,
          reason: item.reason,
          resultingArticleId: item.resultingArticleId ?? null,
          textChange: item.textChange ?? null,
        });
      }
    });
    return { dispositions, unknown };
  }

  /** What the read model knows of opinions an office says it told back. */
  tellingBack(consultationId: string, opinionIds: string[]): TellingBackItem[] {
    const row = statement<[string, string], { office_id: string | null; pub_seq: number | null }>(
      this.read.db,
      `SELECT office_id, pub_seq FROM rm_opinions WHERE opinion_id = ? AND consultation_id = ?`,
    );
    return opinionIds.map((opinionId) => {
      const r = row.get(opinionId, consultationId);
      return { opinionId, officeId: r?.office_id ?? null, published: r?.pub_seq != null };
    });
  }

  unpublishedDrafts(consultationId: string): number {
    return statement<[string], { n: number }>(
      this.read.db,
      `SELECT COUNT(*) AS n FROM rm_opinions WHERE consultation_id = ?
         AND draft_seq IS NOT NULL AND (pub_seq IS NULL OR draft_seq > pub_seq)`,
    ).get(consultationId)!.n;
  }

  knownClusters(consultationId: string, ids: string[]): string[] {
    const found = statement<[string, string], { one: number }>(
      this.read.db,
      `SELECT 1 AS one FROM rm_opinion_clusters WHERE cluster_id = ? AND consultation_id = ?`,
    );
    return ids.filter((id) => found.get(id, consultationId));
  }

  clusterMembers(consultationId: string, clusterId: string): string[] {
    return statement<[string, string], { opinion_id: string }>(
      this.read.db,
      `SELECT opinion_id FROM rm_opinions WHERE cluster_id = ? AND consultation_id = ?`,
    )
      .all(clusterId, consultationId)
      .map((r) => r.opinion_id);
  }

  /** Whose opinion a receipt code is (the contributor), or null for a code of no opinion. */
  receiptContributor(code: string): string | null {
    return (
      statement<[string], { contributor_id: string }>(
        this.read.db,
        `SELECT contributor_id FROM rm_opinions WHERE receipt_digest = ?`,
      ).get(ContributorKeys.receiptDigest(code))?.contributor_id ?? null
    );
  }

  /** The offices that collected a contributor's opinions, and whether there are any. */
  contributor(contributorId: string): { known: boolean; officeIds: string[] } {
    const rows = statement<[string], { office_id: string | null }>(
      this.read.db,
      `SELECT DISTINCT office_id FROM rm_opinions WHERE contributor_id = ?`,
    ).all(contributorId);
    return {
      known: rows.length > 0,
      officeIds: rows.map((r) => r.office_id).filter((id): id is string => id !== null),
    };
  }
}
