import {
  Controller,
  Get,
  Header,
  Param,
  ParseUUIDPipe,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import contentDisposition from 'content-disposition';
import { FastifyReply } from 'fastify';
import { ActorContext } from '../../platform/access/actor';
import { CurrentActor } from '../../platform/access/auth.guard';
import { DocumentFile, SubmissionDocuments } from './submission-documents';
import { SubmissionQueries } from './submission-queries';
import {
  ListQueryDto,
  OfficialDocumentQueryDto,
  SubmissionDetailView,
  SubmissionPageView,
} from './submission.dto';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A DOCX as an attachment named in UTF-8 (`filename*`, RFC 6266/8187) with an ASCII fallback. */
function documentAttachment(file: DocumentFile): StreamableFile {
  return new StreamableFile(file.bytes, {
    type: DOCX,
    disposition: contentDisposition(file.filename, { fallback: file.fallbackFilename }),
  });
}

const documentResponse = (what: string) =>
  ({
    description: `${what} as a DOCX laid out per GB/T 9704-2012 (党政机关公文格式); fonts are named, not embedded`,
    content: { [DOCX]: { schema: { type: 'string', format: 'binary' } } },
  }) as const;

/** Reading submissions: the lists (each a view of what the caller may read) and the detail. */
@ApiTags('submissions')
@ApiBearerAuth()
@Controller('api')
export class SubmissionsController {
  constructor(
    private readonly queries: SubmissionQueries,
    private readonly documents: SubmissionDocuments,
  ) {}

  @Get('submissions')
  @ApiOperation({ summary: 'Every submission the caller may read, overdue first; paged' })
  @ApiOkResponse({ type: SubmissionPageView })
  list(@Query() query: ListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.list(actor, query);
  }

  @Get('submissions/:submissionId')
  @ApiOperation({ summary: 'A submission with its full history and hash-chain verification' })
  @ApiOkResponse({ type: SubmissionDetailView })
  async detail(
    @Param('submissionId', new ParseUUIDPipe({ version: undefined })) id: string,
    @CurrentActor() actor: ActorContext,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const detail = await this.queries.detail(id, actor);
    res.header('ETag', `"${detail.revision}"`);
    // The ETag is the revision, but the answer is the reader's own (the steps open to them): a
    // browser shared by several users revalidated one's cached copy for another (304). Nor
    // should a confidential text stay in a browser's cache.
    res.header('Vary', 'Authorization');
    res.header('Cache-Control', 'no-store');
    return detail;
  }

  @Get('submissions/:submissionId/document.docx')
  @ApiOperation({
    summary:
      'The request or report as an official document (GB/T 9704-2012, DOCX): 份号, 密级, red issuing-body mark, 发文字号 and 签发人',
  })
  @ApiProduces(DOCX)
  @Header('Cache-Control', 'private, no-store')
  @ApiOkResponse(documentResponse('The request or report'))
  @ApiUnprocessableEntityResponse({
    description: 'A classified submission needs `copyNumber` (份号): required_for_classified',
  })
  async submissionDocument(
    @Param('submissionId', new ParseUUIDPipe({ version: undefined })) id: string,
    @Query() query: OfficialDocumentQueryDto,
    @CurrentActor() actor: ActorContext,
  ): Promise<StreamableFile> {
    return documentAttachment(await this.documents.submission(id, actor, query.copyNumber));
  }

  @Get('submissions/:submissionId/opinion.docx')
  @ApiOperation({
    summary:
      'The committee’s opinion as an official document (GB/T 9704-2012, DOCX), its points numbered 一、二、…; 404 before it is issued',
  })
  @ApiProduces(DOCX)
  @Header('Cache-Control', 'private, no-store')
  @ApiOkResponse(documentResponse('The opinion'))
  @ApiUnprocessableEntityResponse({
    description: 'A classified submission needs `copyNumber` (份号): required_for_classified',
  })
  async opinionDocument(
    @Param('submissionId', new ParseUUIDPipe({ version: undefined })) id: string,
    @Query() query: OfficialDocumentQueryDto,
    @CurrentActor() actor: ActorContext,
  ): Promise<StreamableFile> {
    return documentAttachment(await this.documents.opinion(id, actor, query.copyNumber));
  }

  @Get('inbox')
  @ApiOperation({ summary: 'The committee office’s inbox: what was sent to its committee' })
  @ApiOkResponse({ type: SubmissionPageView })
  inbox(@Query() query: ListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.list(actor, { ...query, box: 'inbox' });
  }

  @Get('outbox')
  @ApiOperation({ summary: 'The Party group’s outbox: what its side drafted and sent' })
  @ApiOkResponse({ type: SubmissionPageView })
  outbox(@Query() query: ListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.list(actor, { ...query, box: 'outbox' });
  }

  @Get('granted')
  @ApiOperation({ summary: 'Submissions explicitly shared with the caller or its organisation' })
  @ApiOkResponse({ type: SubmissionPageView })
  granted(@Query() query: ListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.list(actor, { ...query, box: 'granted' });
  }
}
