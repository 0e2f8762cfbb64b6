import {
  applyDecorators,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { CommandContext } from '../../platform/command-handler';
import { CommandMeta } from '../../platform/http/command-meta';
import { CurrentActor } from '../../platform/access/auth.guard';
import { ActorContext } from '../../platform/access/actor';
import {
  SubmissionCommandResult,
  SubmissionCommands,
  SubmissionStepInput,
} from './submission-commands';
import { SubmissionQueries } from './submission-queries';
import { STEP_INPUT } from './submission-steps';
import {
  AmendDraftDto,
  CommandResponse,
  DraftSubmissionDto,
  GiveFeedbackDto,
  GrantViewerDto,
  IssueOpinionDto,
  ListQueryDto,
  ReceiveDto,
  RecordCommitteeMeetingDto,
  RecordPartyGroupDiscussionDto,
  RecordProposalDto,
  RequestMaterialDto,
  SubmissionDetailView,
  SubmissionSummaryView,
  SubmitDto,
  SupplyMaterialDto,
  WithdrawDto,
} from './submission.dto';

const Id = () => Param('submissionId', new ParseUUIDPipe({ version: undefined }));

function respond(response: Response, result: SubmissionCommandResult): SubmissionCommandResult {
  response.setHeader('ETag', `"${result.revision}"`);
  return result;
}

const CommandHeaders = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'A retry with the same key returns the first result and records nothing',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The ETag (stream revision) the change is based on; 409 if it moved on',
    }),
    ApiHeader({ name: 'X-Correlation-Id', required: false }),
  );

/**
 * The life of a submission (请示/报告): drafted by the legislature side, sent by its Party group,
 * handled by the addressed Party Committee's office, answered point by point.
 */
@ApiTags('submissions')
@ApiBearerAuth()
@Controller('api')
export class SubmissionsController {
  constructor(
    private readonly commands: SubmissionCommands,
    private readonly queries: SubmissionQueries,
  ) {}

  @Post('submissions')
  @CommandHeaders()
  @ApiOperation({
    summary: 'Draft a submission (legislature or party_group of the submitting side)',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  async draft(
    @Body() dto: DraftSubmissionDto,
    @CommandMeta() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.draft(dto, context);
    res.setHeader('Location', `/api/submissions/${result.submissionId}`);
    return respond(res, result);
  }

  @Post('submissions/:submissionId/revisions')
  @CommandHeaders()
  @ApiOperation({
    summary: 'Draft a revised submission replacing one sent back for revision or withdrawn',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  async revise(
    @Id() id: string,
    @Body() dto: DraftSubmissionDto,
    @CommandMeta() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.draft(dto, context, id);
    res.setHeader('Location', `/api/submissions/${result.submissionId}`);
    return respond(res, result);
  }

  private async step(
    id: string,
    input: SubmissionStepInput,
    context: CommandContext,
    res: Response,
  ) {
    return respond(res, await this.commands.step(id, input, context));
  }

  @Post('submissions/:submissionId/amendments')
  @CommandHeaders()
  @ApiOperation({ summary: 'Amend a draft before it is sent' })
  @ApiCreatedResponse({ type: CommandResponse })
  amend(
    @Id() id: string,
    @Body() dto: AmendDraftDto,
    @CommandMeta() c: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.step(id, STEP_INPUT.amend(dto), c, res);
  }

  @Post('submissions/:submissionId/proposal')
  @CommandHeaders()
  @ApiOperation({ summary: 'Record the special committee’s proposal to the Party group' })
  @ApiCreatedResponse({ type: CommandResponse })
  propose(
    @Id() id: string,
    @Body() dto: RecordProposalDto,
    @CommandMeta() c: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.step(id, STEP_INPUT.recordProposal(dto), c, res);
  }

  @Post('submissions/:submissionId/party-group-discussion')
  @CommandHeaders()
  @ApiOperation({
    summary: 'Record the Party group meeting or chairman’s meeting that discussed it',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  discuss(
    @Id() id: string,
    @Body() dto: RecordPartyGroupDiscussionDto,
    @CommandMeta() c: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.step(id, STEP_INPUT.recordDiscussion(dto), c, res);
  }

  @Post('submissions/:submissionId/submission')
  @HttpCode(200)
  @CommandHeaders()
  @ApiOperation({ summary: 'Send it to the Party Committee at the same level (party_group)' })
  @ApiOkResponse({ type: CommandResponse })
  submit(
    @Id() id: string,
    @Body() dto: SubmitDto,
    @CommandMeta() c: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.step(id, STEP_INPUT.submit(dto), c, res);
  }

  @Post('submissions/:submissionId/receipt')
  @HttpCode(200)
  @CommandHeaders()
  @ApiOperation({ summary: 'Receive and log it (committee_office of the addressed committee)' })
  @ApiOkResponse({ type: CommandResponse })
  receive(
    @Id() id: string,
    @Body() dto: ReceiveDto,
    @CommandMeta() c: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.step(id, STEP_INPUT.receive(dto), c, res);
  }

  @Post('submissions/:submissionId/material-requests')
  @CommandHeaders()
  @ApiOperation({ summary: 'Ask for supplementary material by a date (committee_office)' })
  @ApiCreatedResponse({ type: CommandResponse })
  requestMaterial(
    @Id() id: string,
    @Body() dto: RequestMaterialDto,
    @CommandMeta() c: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.step(id, STEP_INPUT.requestMaterial(dto), c, res);
  }

  @Post('submissions/:submissionId/material-requests/:requestNumber/supply')
  @HttpCode(200)
  @CommandHeaders()
  @ApiOperation({ summary: 'Supply the requested material (submitting side)' })
  @ApiOkResponse({ type: CommandResponse })
  supplyMaterial(
    @Id() id: string,
    @Param('requestNumber', ParseIntPipe) requestNumber: number,
    @Body() dto: SupplyMaterialDto,
    @CommandMeta() c: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.step(id, STEP_INPUT.supplyMaterial(dto, requestNumber), c, res);
  }

  @Post('submissions/:submissionId/committee-meetings')
  @CommandHeaders()
  @ApiOperation({ summary: 'Record the committee meeting that discussed it (committee_office)' })
  @ApiCreatedResponse({ type: CommandResponse })
  recordMeeting(
    @Id() id: string,
    @Body() dto: RecordCommitteeMeetingDto,
    @CommandMeta() c: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.step(id, STEP_INPUT.recordCommitteeMeeting(dto), c, res);
  }

  @Post('submissions/:submissionId/opinion')
  @CommandHeaders()
  @ApiOperation({
    summary: 'Issue the committee’s written opinion with numbered points (committee_office)',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  issueOpinion(
    @Id() id: string,
    @Body() dto: IssueOpinionDto,
    @CommandMeta() c: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.step(id, STEP_INPUT.issueOpinion(dto), c, res);
  }

  @Post('submissions/:submissionId/opinion/points/:pointNumber/feedback')
  @CommandHeaders()
  @ApiOperation({ summary: 'Feed back how one opinion point was adopted (submitting side)' })
  @ApiCreatedResponse({ type: CommandResponse })
  giveFeedback(
    @Id() id: string,
    @Param('pointNumber', ParseIntPipe) pointNumber: number,
    @Body() dto: GiveFeedbackDto,
    @CommandMeta() c: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.step(id, STEP_INPUT.giveFeedback(dto, pointNumber), c, res);
  }

  @Post('submissions/:submissionId/withdrawal')
  @HttpCode(200)
  @CommandHeaders()
  @ApiOperation({ summary: 'Withdraw it before an opinion is issued (party_group)' })
  @ApiOkResponse({ type: CommandResponse })
  withdraw(
    @Id() id: string,
    @Body() dto: WithdrawDto,
    @CommandMeta() c: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.step(id, STEP_INPUT.withdraw(dto), c, res);
  }

  @Post('submissions/:submissionId/viewers')
  @CommandHeaders()
  @ApiOperation({
    summary:
      'Grant an organisation or a user read access (admin, submitting party_group, addressed office)',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  grantViewer(
    @Id() id: string,
    @Body() dto: GrantViewerDto,
    @CommandMeta() c: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.step(id, STEP_INPUT.grantViewer(dto), c, res);
  }

  @Get('submissions/:submissionId')
  @ApiOperation({ summary: 'A submission with its full history and hash-chain verification' })
  @ApiOkResponse({ type: SubmissionDetailView })
  async detail(
    @Id() id: string,
    @CurrentActor() actor: ActorContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const detail = await this.queries.detail(id, actor);
    res.setHeader('ETag', `"${detail.revision}"`);
    return detail;
  }

  @Get('inbox')
  @ApiOperation({ summary: 'The committee office’s inbox, overdue first' })
  @ApiOkResponse({ type: [SubmissionSummaryView] })
  inbox(@Query() query: ListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.inbox(actor, query.status, query.overdue && query.overdue === 'true');
  }

  @Get('outbox')
  @ApiOperation({ summary: 'The Party group’s outbox, overdue first' })
  @ApiOkResponse({ type: [SubmissionSummaryView] })
  outbox(@Query() query: ListQueryDto, @CurrentActor() actor: ActorContext) {
    return this.queries.outbox(actor, query.status, query.overdue && query.overdue === 'true');
  }

  @Get('granted')
  @ApiOperation({ summary: 'Submissions explicitly shared with the caller or its organisation' })
  @ApiOkResponse({ type: [SubmissionSummaryView] })
  granted(@CurrentActor() actor: ActorContext) {
    return this.queries.granted(actor);
  }
}
