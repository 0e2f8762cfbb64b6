import {
  Body,
  Controller,
  Get,
  HttpCode,
  Ip,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { HttpException, HttpStatus } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { SealedContact } from '../../events/consultation-events';
import { ActorContext } from '../../platform/access/actor';
import { CurrentActor, Public } from '../../platform/access/auth.guard';
import { CommandBus } from '../../platform/commands/command-bus';
import { CommandHandler } from '../../platform/commands/command-handler';
import { ReadDatabase } from '../../platform/event-store/read-database';
import { UTF8_BOM, exportFile } from '../../platform/http/csv';
import { Page, PageQueryDto, keysetParams, pageOf } from '../../platform/http/paging';
import { loadReadable } from '../../platform/http/readable';
import { NotFoundError } from '../../platform/kernel/domain-errors';
import { FeatureRegistry } from '../../platform/kernel/feature-registry';
import { statement } from '../../platform/kernel/projection';
import { readableBy, readerParams } from '../../platform/projections/readers-table';
import { ConsultationRow, OpinionRow } from '../../projections/consultations.projection';
import { isLegislatureSide } from '../organisations/sides';
import { recordAggregate } from './consultation-record.decider';
import { dispositionOf, exportItem, opinionCsvHeader, opinionCsvRow } from './consultation-export';
import {
  ConsultationExportView,
  ConsultationRecordView,
  ClusterPageView,
  ClusterView,
  ConsultationListItem,
  ConsultationPageView,
  ConsultationSummaryView,
  ConsultationView,
  NoticeboardEntry,
  NoticeboardPageView,
  OpinionExportItem,
  OpinionExportQueryDto,
  OpinionListQueryDto,
  OpinionPageView,
  OpinionView,
  PublicErasureView,
  PublicOpinionDto,
  PublicReceiptView,
  ReceiptErasureDto,
  ReceiptCodeDto,
  ReceiptView,
  TellBackPageView,
  TellBackView,
} from './consultation.dto';
import { ConsultationCommandEnvironment } from './consultations.environment';
import { ContributorKeys } from './contributor-keys';

const status = (r: ConsultationRow) => (r.closed ? 'closed' : 'open') as 'open' | 'closed';

const READABLE_RECORD = readableBy('consultation_record', 'o.record_id');
/** Opinions read per page of an export. */
const EXPORT_PAGE = 500;

function consultationRow(read: ReadDatabase, id: string): ConsultationRow {
  const r = statement<[string], ConsultationRow>(
    read.db,
    `SELECT * FROM rm_consultations WHERE consultation_id = ?`,
  ).get(id);
  if (!r) throw new NotFoundError(`Consultation ${id} not found`);
  return r;
}

/** A consultation with its current round's articles: public by nature, as the draft is. */
function consultationView(read: ReadDatabase, id: string): ConsultationView {
  const r = consultationRow(read, id);
  const opinions = statement<[string], { n: number }>(
    read.db,
    `SELECT COUNT(*) AS n FROM rm_opinions WHERE consultation_id = ?`,
  ).get(id)!.n;
  return {
    consultationId: r.consultation_id,
    legislatureId: r.legislature_id,
    subject: r.subject as ConsultationView['subject'],
    subjectRef: r.subject_ref,
    title: r.title,
    version: r.version,
    versionLabel: r.version_label,
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    status: status(r),
    opinions,
    publications: r.publications,
    articles: statement<[string, number], { article_id: string; text: string }>(
      read.db,
      `SELECT article_id, text FROM rm_consultation_articles WHERE consultation_id = ? AND version = ?
         ORDER BY rowid`,
    )
      .all(id, r.version)
      .map((a) => ({ articleId: a.article_id, text: a.text })),
  };
}

/** The public consultation (its draft), read by every signed-in caller; the rest by policy. */
@ApiTags('consultations')
@ApiBearerAuth()
@Controller('api/consultations')
export class ConsultationsController {
  constructor(
    private readonly read: ReadDatabase,
    private readonly commands: CommandHandler,
    private readonly keys: ContributorKeys,
  ) {}

  @Get()
  @ApiOkResponse({ type: ConsultationPageView })
  list(@Query() query: PageQueryDto): Page<ConsultationListItem> {
    const { limit, params } = keysetParams(query, 2);
    const rows = statement<[Record<string, unknown>], ConsultationRow>(
      this.read.db,
      `SELECT * FROM rm_consultations
         WHERE (@after IS NULL OR (updated_at, consultation_id) < (@k0, @k1))
         ORDER BY updated_at DESC, consultation_id DESC LIMIT @limit`,
    ).all(params);
    return pageOf(
      rows,
      limit,
      (r) => [r.updated_at, r.consultation_id],
      (r) => ({
        consultationId: r.consultation_id,
        title: r.title,
        legislatureId: r.legislature_id,
        version: r.version,
        closesAt: r.closes_at,
        status: status(r),
        opinions: r.opinions,
      }),
    );
  }

  @Get(':consultationId')
  @ApiOkResponse({ type: ConsultationView })
  get(@Param('consultationId', ParseUUIDPipe) id: string): ConsultationView {
    return consultationView(this.read, id);
  }

  /** The opinions of the records the caller reads: all for the legislature, its own for an office. */
  @Get(':consultationId/opinions')
  @ApiOkResponse({ type: OpinionPageView })
  opinions(
    @CurrentActor() actor: ActorContext,
    @Param('consultationId', ParseUUIDPipe) id: string,
    @Query() query: OpinionListQueryDto,
  ): Page<OpinionView> {
    const legislature = this.readsDrafts(actor, this.row(id));
    const { limit, params } = keysetParams(query, 1);
    const rows = this.readableOpinions(actor, id, query, params);
    return pageOf(
      rows,
      limit,
      (r) => [r.seq],
      (r) => ({
        opinionId: r.opinion_id,
        recordId: r.record_id,
        version: r.version,
        channel: r.channel as OpinionView['channel'],
        officeId: r.office_id,
        contributorId: r.contributor_id,
        text: r.text,
        articleIds: JSON.parse(r.article_ids) as string[],
        clusterId: r.cluster_id,
        submittedAt: r.submitted_at,
        draft: legislature
          ? dispositionOf(r.draft_outcome, r.draft_reason, r.draft_article, r.draft_change)
          : null,
        published: dispositionOf(r.pub_outcome, r.pub_reason, r.pub_article, r.pub_change),
        toldBackAt: r.told_back_at,
      }),
    );
  }

  @Get(':consultationId/clusters')
  @ApiOkResponse({ type: ClusterPageView })
  async clusters(
    @CurrentActor() actor: ActorContext,
    @Param('consultationId', ParseUUIDPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<ClusterView>> {
    await this.legislatureOnly(actor, id);
    const { limit, params } = keysetParams(query, 2);
    const rows = statement<
      [Record<string, unknown>],
      { cluster_id: string; size: number; sample: string }
    >(
      this.read.db,
      `SELECT cluster_id, size, sample FROM rm_opinion_clusters WHERE consultation_id = @id
         AND (@after IS NULL OR (size < @k0 OR (size = @k0 AND cluster_id > @k1)))
         ORDER BY size DESC, cluster_id LIMIT @limit`,
    ).all({ id, ...params });
    return pageOf(
      rows,
      limit,
      (r) => [r.size, r.cluster_id],
      (r) => ({
        clusterId: r.cluster_id,
        size: r.size,
        sample: r.sample,
      }),
    );
  }

  @Get(':consultationId/export.csv')
  @ApiOperation({
    summary:
      'Every opinion the caller reads, with articles, channel, office, cluster and disposition, as CSV (UTF-8 with BOM); never personal data',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Streamed; draft columns only for the legislature side',
    schema: { type: 'string' },
  })
  exportCsv(
    @CurrentActor() actor: ActorContext,
    @Param('consultationId', ParseUUIDPipe) id: string,
    @Query() query: OpinionExportQueryDto,
  ): StreamableFile {
    const lang = query.lang ?? 'both';
    const drafts = this.readsDrafts(actor, this.row(id));
    const items = this.exportItems(actor, id, query, drafts);
    function* chunks(): Generator<string> {
      yield UTF8_BOM + opinionCsvHeader(drafts, lang);
      for (const page of items) yield page.map((o) => opinionCsvRow(o, drafts, lang)).join('');
    }
    return exportFile(chunks(), 'csv', `consultation-${id}-opinions`);
  }

  @Get(':consultationId/export.json')
  @ApiOperation({
    summary:
      'Every opinion the caller reads, with articles, channel, office, cluster and disposition, as JSON; never personal data',
  })
  @ApiOkResponse({ type: ConsultationExportView, description: 'Streamed' })
  exportJson(
    @CurrentActor() actor: ActorContext,
    @Param('consultationId', ParseUUIDPipe) id: string,
    @Query() query: OpinionExportQueryDto,
  ): StreamableFile {
    const r = this.row(id);
    const items = this.exportItems(actor, id, query, this.readsDrafts(actor, r));
    const head = { consultationId: id, title: r.title, version: r.version };
    function* chunks(): Generator<string> {
      yield `${JSON.stringify(head).slice(0, -1)},"items":[`;
      let rows = 0;
      for (const page of items) {
        let text = '';
        for (const o of page) text += `${rows++ > 0 ? ',' : ''}${JSON.stringify(o)}`;
        yield text;
      }
      yield ']}';
    }
    return exportFile(chunks(), 'json', `consultation-${id}-opinions`);
  }

  /**
   * The export's opinions a page at a time, read as the stream is drained: a million opinions
   * never sit in memory, and each page is read under the same rule as the list.
   */
  private *exportItems(
    actor: ActorContext,
    id: string,
    filter: OpinionExportQueryDto,
    drafts: boolean,
  ): Generator<OpinionExportItem[]> {
    let after: number | null = null;
    for (;;) {
      const rows = this.readableOpinions(actor, id, filter, { k0: after, limit: EXPORT_PAGE });
      if (rows.length > 0) yield rows.map((r) => exportItem(r, drafts));
      if (rows.length < EXPORT_PAGE) return;
      after = rows[rows.length - 1].seq;
    }
  }

  /** For the drafting unit and the committee: opinions and adoption per article, top clusters. */
  @Get(':consultationId/summary')
  @ApiOkResponse({ type: ConsultationSummaryView })
  async summary(
    @CurrentActor() actor: ActorContext,
    @Param('consultationId', ParseUUIDPipe) id: string,
  ): Promise<ConsultationSummaryView> {
    const r = await this.legislatureOnly(actor, id);
    const count = (sql: string) => statement<[string], { n: number }>(this.read.db, sql).get(id)!.n;
    return {
      consultationId: id,
      opinions: count(`SELECT COUNT(*) AS n FROM rm_opinions WHERE consultation_id = ?`),
      clusters: count(`SELECT COUNT(*) AS n FROM rm_opinion_clusters WHERE consultation_id = ?`),
      unpublishedDrafts: count(
        `SELECT COUNT(*) AS n FROM rm_opinions WHERE consultation_id = ?
           AND draft_seq IS NOT NULL AND (pub_seq IS NULL OR draft_seq > pub_seq)`,
      ),
      articles: statement<
        [string],
        {
          article_id: string;
          opinions: number;
          adopted: number;
          partly_adopted: number;
          not_adopted: number;
        }
      >(
        this.read.db,
        `SELECT * FROM rm_consultation_article_stats WHERE consultation_id = ? ORDER BY opinions DESC, article_id`,
      )
        .all(id)
        .map((a) => ({
          articleId: a.article_id,
          opinions: a.opinions,
          adopted: a.adopted,
          partlyAdopted: a.partly_adopted,
          notAdopted: a.not_adopted,
        })),
      topClusters: statement<[string], { cluster_id: string; size: number; sample: string }>(
        this.read.db,
        `SELECT cluster_id, size, sample FROM rm_opinion_clusters WHERE consultation_id = ?
           ORDER BY size DESC, cluster_id LIMIT 10`,
      )
        .all(id)
        .map((c) => ({ clusterId: c.cluster_id, size: c.size, sample: c.sample })),
      linkage: r.subject_ref
        ? r.subject === 'draft'
          ? `/api/linkage/items/${r.subject_ref}`
          : `/api/plans/${r.subject_ref}`
        : null,
    };
  }

  /**
   * The office's contributors without internet whose published disposition it has not told yet,
   * with their contact opened from the key table (null once erased).
   */
  @Get(':consultationId/telling-back')
  @ApiOkResponse({ type: TellBackPageView })
  tellBack(
    @CurrentActor() actor: ActorContext,
    @Param('consultationId', ParseUUIDPipe) id: string,
    @Query() query: PageQueryDto,
  ): Page<TellBackView> {
    this.row(id);
    const { limit, params } = keysetParams(query, 1);
    // Only an office's staff tell people back; to anyone else there is no such list.
    if (!actor.roles.includes('outreach') || actor.organisation.kind !== 'outreach_office') {
      throw new NotFoundError(`No telling-back list of ${actor.organisation.organisationId}`);
    }
    const rows = statement<[Record<string, unknown>], OpinionRow>(
      this.read.db,
      `SELECT o.* FROM rm_opinions o
             WHERE o.office_id = @office AND o.consultation_id = @id AND o.tell_back_by_office = 1
               AND o.pub_seq IS NOT NULL AND o.told_back_at IS NULL
               AND (@after IS NULL OR o.seq > @k0)
             ORDER BY o.seq LIMIT @limit`,
    ).all({ office: actor.organisation.organisationId, id, ...params });
    return pageOf(
      rows,
      limit,
      (r) => [r.seq],
      (r) => ({
        opinionId: r.opinion_id,
        contributorId: r.contributor_id,
        contact: r.contact_sealed
          ? this.keys.open(r.contributor_id, JSON.parse(r.contact_sealed) as SealedContact)
          : null,
        disposition: dispositionOf(r.pub_outcome, r.pub_reason, r.pub_article, r.pub_change)!,
      }),
    );
  }

  /** A record the caller reads; an intake lists its opinions' receipt codes for the office to hand out. */
  @Get('records/:recordId')
  @ApiOkResponse({ type: ConsultationRecordView })
  async record(
    @CurrentActor() actor: ActorContext,
    @Param('recordId', ParseUUIDPipe) recordId: string,
  ): Promise<ConsultationRecordView> {
    const { state } = await loadReadable(this.commands, recordAggregate, recordId, actor);
    if (!state.recorded) throw new NotFoundError(`Consultation record ${recordId} not found`);
    const opinions =
      state.kind === 'intake'
        ? statement<[string], { opinion_id: string }>(
            this.read.db,
            `SELECT opinion_id FROM rm_opinions WHERE record_id = ? ORDER BY seq`,
          )
            .all(recordId)
            .map((r) => ({
              opinionId: r.opinion_id,
              receiptCode: this.keys.receiptCode(r.opinion_id),
            }))
        : [];
    return {
      recordId,
      kind: state.kind,
      consultationId: state.consultationId,
      officeId: state.officeId,
      opinions: state.opinions,
      receipts: opinions,
    };
  }

  /**
   * Opinions in the order they came, of the records the caller reads: the one read rule of the
   * list and the export. `params` holds the keyset (`k0`: the last seq, or null) and `limit`.
   * The keyset is a plain range (not `@after IS NULL OR …`), so each page starts in the index
   * where the last ended instead of scanning the consultation's opinions from the first.
   */
  private readableOpinions(
    actor: ActorContext,
    id: string,
    filter: { clusterId?: string; articleId?: string },
    params: Record<string, unknown>,
  ): OpinionRow[] {
    return statement<[Record<string, unknown>], OpinionRow>(
      this.read.db,
      `SELECT o.* FROM rm_opinions o
         WHERE o.consultation_id = @id AND ${READABLE_RECORD}
           AND (@cluster IS NULL OR o.cluster_id = @cluster)
           AND (@article IS NULL OR EXISTS (SELECT 1 FROM json_each(o.article_ids) j WHERE j.value = @article))
           AND o.seq > coalesce(@k0, -1)
         ORDER BY o.seq LIMIT @limit`,
    ).all({
      id,
      cluster: filter.clusterId ?? null,
      article: filter.articleId ?? null,
      ...params,
      ...readerParams(actor),
    });
  }

  /** Drafts are the legislature's working notes until published. */
  private readsDrafts(actor: ActorContext, r: ConsultationRow): boolean {
    return isLegislatureSide(actor, r.legislature_id);
  }

  private row(id: string): ConsultationRow {
    return consultationRow(this.read, id);
  }

  private async legislatureOnly(actor: ActorContext, id: string): Promise<ConsultationRow> {
    const r = this.row(id);
    if (!isLegislatureSide(actor, r.legislature_id)) {
      throw new NotFoundError(
        `Consultation ${id} has no summary for ${actor.organisation.organisationId}`,
      );
    }
    return r;
  }
}

/**
 * A budget per client address and hour for what anyone may do without an account; past it
 * 429 problem+json with Retry-After. Zero turns it off.
 */
class HourlyLimit {
  private readonly limiter?: RateLimiterMemory;

  constructor(
    private readonly perHour: number,
    private readonly what: string,
  ) {
    if (perHour > 0) this.limiter = new RateLimiterMemory({ points: perHour, duration: 3600 });
  }

  async spend(ip: string, reply: FastifyReply): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(ip);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      reply.header('Retry-After', String(seconds));
      throw new HttpException(
        `More than ${this.perHour} ${this.what} an hour from this address; retry in ${seconds} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}

/** Who the public form acts as: nobody in particular, for no organisation. */
const PUBLIC_ACTOR: ActorContext = {
  userId: 'anonymous',
  userName: '公众',
  roles: ['public'],
  organisation: {
    organisationId: 'public',
    kind: 'public',
    level: 'national',
    regionCode: '100000',
    parentOrganisationId: null,
    reportsThrough: null,
    nameZh: '社会公众',
    nameEn: 'The public',
  },
};

/**
 * What anyone may do without an account: give an opinion (rate limited per client address),
 * look a receipt code up, read a consultation's noticeboard (公示栏). Nothing internal leaves:
 * no drafts, no contributors, no offices' staff, no contacts.
 */
@ApiTags('consultations (public)')
@Public()
@Controller('api/public')
export class PublicConsultationsController {
  private readonly opinionsPerHour: HourlyLimit;
  private readonly erasuresPerHour: HourlyLimit;

  constructor(
    private readonly read: ReadDatabase,
    private readonly bus: CommandBus,
    private readonly registry: FeatureRegistry,
    private readonly keys: ContributorKeys,
    private readonly env: ConsultationCommandEnvironment,
    config: AppConfig,
  ) {
    this.opinionsPerHour = new HourlyLimit(
      config.CONSULTATION_PUBLIC_OPINIONS_PER_HOUR,
      'opinions',
    );
    this.erasuresPerHour = new HourlyLimit(
      config.CONSULTATION_PUBLIC_ERASURES_PER_HOUR,
      'erasure requests',
    );
  }

  @Post('consultations/:consultationId/opinions')
  @HttpCode(201)
  @ApiCreatedResponse({ type: PublicReceiptView, description: 'The receipt code, shown once' })
  @ApiTooManyRequestsResponse({ description: 'Too many opinions from this address this hour' })
  async submit(
    @Param('consultationId', ParseUUIDPipe) consultationId: string,
    @Body() dto: PublicOpinionDto,
    @Ip() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicReceiptView> {
    await this.opinionsPerHour.spend(ip, reply);
    const outcome = await this.bus.run(
      this.registry.commands.get('consultation.opinions.submit')!,
      { channel: 'online', opinions: [dto] },
      { consultationId },
      { actor: PUBLIC_ACTOR, correlationId: randomUUID() },
    );
    const [opinionId] = outcome.body.opinionIds as string[];
    return { receiptCode: this.keys.receiptCode(opinionId) };
  }

  /**
   * The person erases their personal data with a receipt code of one of their opinions: the
   * same erasure staff record (`ContributorErased`), so the key is deleted and every sealed
   * contact of theirs is unreadable; the receipt still shows the disposition. The code goes in
   * the body, not the path, so it stays out of access logs. A code of no opinion is 404 and
   * says nothing more; asking again once erased is answered as the first time.
   */
  @Post('contributor-erasures')
  @HttpCode(202)
  @ApiOperation({ summary: 'Erase my personal data, with my receipt code (no account)' })
  @ApiAcceptedResponse({ type: PublicErasureView })
  @ApiTooManyRequestsResponse({ description: 'Too many erasure requests from this address' })
  async erase(
    @Body() dto: ReceiptErasureDto,
    @Ip() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicErasureView> {
    await this.erasuresPerHour.spend(ip, reply);
    const contributorId = this.env.receiptContributor(dto.receiptCode);
    if (!contributorId) throw new NotFoundError('No opinion has this receipt code');
    const erased = statement<[string], { one: number }>(
      this.read.db,
      `SELECT 1 AS one FROM rm_erased_contributors WHERE contributor_id = ?`,
    ).get(contributorId);
    if (!erased) {
      await this.bus.run(
        this.registry.commands.get('consultation.contributor.erase')!,
        { contributorId, receiptCode: dto.receiptCode },
        {},
        { actor: PUBLIC_ACTOR, correlationId: randomUUID() },
      );
    }
    return { erased: true };
  }

  @Get('consultations/:consultationId')
  @ApiOperation({ summary: 'A consultation and the articles of its draft, for the public form' })
  @ApiOkResponse({ type: ConsultationView })
  consultation(@Param('consultationId', ParseUUIDPipe) id: string): ConsultationView {
    return consultationView(this.read, id);
  }

  @Get('receipts/:code')
  @ApiOkResponse({ type: ReceiptView })
  receipt(@Param() { code }: ReceiptCodeDto): ReceiptView {
    const r = statement<[string], OpinionRow & { title: string }>(
      this.read.db,
      `SELECT o.*, c.title FROM rm_opinions o JOIN rm_consultations c USING (consultation_id)
         WHERE o.receipt_digest = ?`,
    ).get(ContributorKeys.receiptDigest(code));
    if (!r) throw new NotFoundError('No opinion has this receipt code');
    return {
      consultationTitle: r.title,
      submittedAt: r.submitted_at,
      articleIds: JSON.parse(r.article_ids) as string[],
      disposition: dispositionOf(r.pub_outcome, r.pub_reason, r.pub_article, r.pub_change),
    };
  }

  @Get('consultations/:consultationId/noticeboard')
  @ApiOkResponse({ type: NoticeboardPageView })
  noticeboard(
    @Param('consultationId', ParseUUIDPipe) id: string,
    @Query() query: PageQueryDto,
  ): Page<NoticeboardEntry> {
    const exists = statement<[string], { one: number }>(
      this.read.db,
      `SELECT 1 AS one FROM rm_consultations WHERE consultation_id = ?`,
    ).get(id);
    if (!exists) throw new NotFoundError(`Consultation ${id} not found`);
    const { limit, params } = keysetParams(query, 2);
    const rows = statement<[Record<string, unknown>], OpinionRow>(
      this.read.db,
      `SELECT * FROM rm_opinions INDEXED BY rm_opinions_noticeboard
         WHERE consultation_id = @id AND pub_outcome IN ('adopted', 'partly_adopted')
           AND (@after IS NULL OR (pub_seq, opinion_id) > (@k0, @k1))
         ORDER BY pub_seq, opinion_id LIMIT @limit`,
    ).all({ id, ...params });
    return pageOf(
      rows,
      limit,
      (r) => [r.pub_seq!, r.opinion_id],
      (r) => ({
        articleIds: JSON.parse(r.article_ids) as string[],
        text: r.text,
        outcome: r.pub_outcome as NoticeboardEntry['outcome'],
        resultingArticleId: r.pub_article,
        textChange: r.pub_change,
        reason: r.pub_reason ?? '',
        channel: r.channel as NoticeboardEntry['channel'],
        publishedAt: r.published_at!,
      }),
    );
  }
}
