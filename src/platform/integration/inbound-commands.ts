/**
 * Commands other systems send over Kafka (an office system submitting for a Party group, …):
 * one CloudEvent per command, binary mode. The body is exactly the HTTP request body and is
 * validated by the same DTO classes and pipe; what HTTP carries in the path and the token
 * travels in CloudEvents attributes. docs/integration-events.md describes the format.
 */
import { ArgumentMetadata } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  isUUID,
} from 'class-validator';
import { IHeaders } from 'kafkajs';
import { Role } from '../../events/envelope';
import { CommandContext } from '../command-handler';
import { DomainError } from '../domain-errors';
import {
  FieldError,
  RequestValidationError,
  requestValidationPipe,
} from '../http/request-validation';
import { OrganisationProfile } from '../access/actor';
import { ID_PATTERN } from '../../modules/organisations/organisation.dto';
import {
  SubmissionCommandResult,
  SubmissionCommands,
  SubmissionStepInput,
} from '../../modules/submissions/submission-commands';
import {
  AmendDraftDto,
  DraftSubmissionDto,
  GiveFeedbackDto,
  GrantViewerDto,
  IssueOpinionDto,
  ReceiveDto,
  RecordCommitteeMeetingDto,
  RecordPartyGroupDiscussionDto,
  RecordProposalDto,
  RequestMaterialDto,
  SubmitDto,
  SupplyMaterialDto,
  WithdrawDto,
} from '../../modules/submissions/submission.dto';
import { STEP_INPUT } from '../../modules/submissions/submission-steps';
import {
  JSON_CONTENT_TYPE,
  MalformedHeadersError,
  SPEC_VERSION,
  cloudEventAttributes,
  decodeHeaders,
} from './cloudevents';

const COMMAND_TYPE_PREFIX = 'cn.legislink.command.';

/** Services act for people in the roles that take submission steps, never as admin or analyst. */
const INBOUND_ROLES = ['legislature', 'party_group', 'committee_office'] as const;

/** The `onbehalfof` attribute: whom the sending service acts for, as a token would say. */
export class OnBehalfOfDto {
  @IsString()
  @Length(1, 200)
  userId!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  userName?: string;

  @Matches(ID_PATTERN, { message: 'organisationId must be an organisation id' })
  organisationId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INBOUND_ROLES.length)
  @IsIn(INBOUND_ROLES, { each: true })
  roles!: Role[];
}

/** What HTTP takes from the path: the submission, and a point or material request number. */
export interface CommandTarget {
  submissionId: string;
  number: number;
}

/** Which attributes address the command: `subject`, plus `pointnumber` or `requestnumber`. */
type Addressing = 'none' | 'submission' | 'point' | 'request';

export type SubmissionCommandPort = Pick<SubmissionCommands, 'draft' | 'step'>;

interface CommandSpec<D> {
  dto: new () => D;
  addressing: Addressing;
  run(
    commands: SubmissionCommandPort,
    dto: D,
    target: CommandTarget,
    context: CommandContext,
  ): Promise<SubmissionCommandResult>;
}

const define = <D>(spec: CommandSpec<D>) => spec as unknown as CommandSpec<object>;

const step = <D>(
  dto: new () => D,
  addressing: Exclude<Addressing, 'none'>,
  input: (dto: D, target: CommandTarget) => SubmissionStepInput,
) =>
  define({
    dto,
    addressing,
    run: (commands, body, target, context) =>
      commands.step(target.submissionId, input(body, target), context),
  });

/**
 * Every step of the HTTP API, by command type (after `cn.legislink.command.`), mapped to the
 * same DTO and the same SubmissionCommands call as its route in SubmissionsController.
 */
export const INBOUND_COMMANDS: Record<string, CommandSpec<object>> = {
  'submission.draft.v1': define({
    dto: DraftSubmissionDto,
    addressing: 'none',
    run: (commands, dto, _target, context) => commands.draft(dto, context),
  }),
  'submission.revise.v1': define({
    dto: DraftSubmissionDto,
    addressing: 'submission',
    run: (commands, dto, target, context) => commands.draft(dto, context, target.submissionId),
  }),
  'submission.amend.v1': step(AmendDraftDto, 'submission', STEP_INPUT.amend),
  'submission.proposal.record.v1': step(RecordProposalDto, 'submission', STEP_INPUT.recordProposal),
  'submission.discussion.record.v1': step(
    RecordPartyGroupDiscussionDto,
    'submission',
    STEP_INPUT.recordDiscussion,
  ),
  'submission.submit.v1': step(SubmitDto, 'submission', STEP_INPUT.submit),
  'submission.receive.v1': step(ReceiveDto, 'submission', STEP_INPUT.receive),
  'material.request.v1': step(RequestMaterialDto, 'submission', STEP_INPUT.requestMaterial),
  'material.supply.v1': step(SupplyMaterialDto, 'request', (dto, target) =>
    STEP_INPUT.supplyMaterial(dto, target.number),
  ),
  'committee_meeting.record.v1': step(
    RecordCommitteeMeetingDto,
    'submission',
    STEP_INPUT.recordCommitteeMeeting,
  ),
  'opinion.issue.v1': step(IssueOpinionDto, 'submission', STEP_INPUT.issueOpinion),
  'feedback.give.v1': step(GiveFeedbackDto, 'point', (dto, target) =>
    STEP_INPUT.giveFeedback(dto, target.number),
  ),
  'submission.withdraw.v1': step(WithdrawDto, 'submission', STEP_INPUT.withdraw),
  'viewer.grant.v1': step(GrantViewerDto, 'submission', STEP_INPUT.grantViewer),
};

export const INBOUND_COMMAND_TYPES = Object.keys(INBOUND_COMMANDS).map(
  (type) => `${COMMAND_TYPE_PREFIX}${type}`,
);

/** Why a message is refused, with the HTTP status the same request would have got. */
export class InboundRejection extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'InboundRejection';
  }

  static invalid(message: string, errors: FieldError[] = []): InboundRejection {
    return new InboundRejection(400, 'Invalid request', message, errors.length ? { errors } : {});
  }
}

export interface InboundCommand {
  /** `ce_id`: unique per source; a redelivery carries the same one. */
  id: string;
  /** `ce_source`: the sending service's identity. */
  source: string;
  type: string;
  spec: CommandSpec<object>;
  dto: object;
  target: CommandTarget;
  onBehalfOf: OnBehalfOfDto;
  correlationId: string;
}

const ID_RULE = /^[\x21-\x7e]{1,255}$/;
const CORRELATION_RULE = /^[\w.:-]{1,128}$/;
const NUMBER_RULE = /^[1-9]\d{0,5}$/;
const pipe = requestValidationPipe();

/** Validates like the HTTP API does: same pipe, whitelist, unknown fields refused. */
async function validated<D extends object>(
  dto: new () => D,
  plain: unknown,
  field: string,
): Promise<D> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw InboundRejection.invalid(`${field} must be a JSON object`, [
      { field, rule: 'isObject', message: `${field} must be a JSON object` },
    ]);
  }
  const metadata: ArgumentMetadata = { type: 'body', metatype: dto };
  try {
    return (await pipe.transform(plain, metadata)) as D;
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    const errors =
      field === 'body'
        ? error.errors
        : error.errors.map((e) => ({ ...e, field: `${field}.${e.field}` }));
    throw InboundRejection.invalid(`Invalid ${field}: ${error.message}`, errors);
  }
}

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw InboundRejection.invalid(`${field} is not valid JSON: ${(error as Error).message}`);
  }
}

function required(attributes: Record<string, string>, name: string, rule?: RegExp): string {
  const value = attributes[name];
  if (!value || (rule && !rule.test(value))) {
    const message = value ? `ce_${name} is malformed` : `ce_${name} is required`;
    throw InboundRejection.invalid(message, [
      { field: `ce_${name}`, rule: 'cloudEvents', message },
    ]);
  }
  return value;
}

function targetOf(attributes: Record<string, string>, addressing: Addressing): CommandTarget {
  if (addressing === 'none') return { submissionId: '', number: 0 };
  const submissionId = required(attributes, 'subject');
  if (!isUUID(submissionId)) {
    const message = 'ce_subject must be the submission id (UUID)';
    throw InboundRejection.invalid(message, [{ field: 'ce_subject', rule: 'isUuid', message }]);
  }
  if (addressing === 'submission') return { submissionId, number: 0 };
  const name = addressing === 'point' ? 'pointnumber' : 'requestnumber';
  return { submissionId, number: Number(required(attributes, name, NUMBER_RULE)) };
}

/** Reads and validates a command message; throws InboundRejection saying what is wrong. */
export async function parseInboundCommand(
  headers: IHeaders | undefined,
  value: Buffer | null,
  services: readonly string[],
): Promise<InboundCommand> {
  let decoded: Record<string, string>;
  try {
    decoded = decodeHeaders(headers);
  } catch (error) {
    if (error instanceof MalformedHeadersError) throw InboundRejection.invalid(error.message);
    throw error;
  }
  const contentType = decoded['content-type'];
  if (
    contentType !== undefined &&
    contentType.split(';')[0].trim().toLowerCase() !== JSON_CONTENT_TYPE
  ) {
    throw new InboundRejection(
      415,
      'Unsupported Media Type',
      `content-type must be ${JSON_CONTENT_TYPE} (CloudEvents binary mode), not ${contentType}`,
    );
  }
  const attributes = cloudEventAttributes(decoded);
  if (attributes.specversion !== SPEC_VERSION) {
    throw InboundRejection.invalid(`ce_specversion must be ${SPEC_VERSION}`);
  }
  const id = required(attributes, 'id', ID_RULE);
  const source = required(attributes, 'source');
  if (!services.includes(source)) {
    throw new InboundRejection(403, 'Forbidden', `Service ${source} may not send commands`);
  }
  const type = required(attributes, 'type');
  const name = type.startsWith(COMMAND_TYPE_PREFIX) ? type.slice(COMMAND_TYPE_PREFIX.length) : '';
  // Own keys only: `constructor` must not find Object's.
  const spec = Object.hasOwn(INBOUND_COMMANDS, name) ? INBOUND_COMMANDS[name] : undefined;
  if (!spec) {
    throw new InboundRejection(400, 'Unknown command type', `Unknown command type ${type}`, {
      knownTypes: INBOUND_COMMAND_TYPES,
    });
  }
  const onBehalfOf = await validated(
    OnBehalfOfDto,
    parseJson(required(attributes, 'onbehalfof'), 'ce_onbehalfof'),
    'onBehalfOf',
  );
  const target = targetOf(attributes, spec.addressing);
  if (!value || value.length === 0) throw InboundRejection.invalid('The message has no body');
  const dto = await validated(spec.dto, parseJson(value.toString('utf8'), 'The body'), 'body');
  const correlation = attributes.correlationid;
  return {
    id,
    source,
    type,
    spec,
    dto,
    target,
    onBehalfOf,
    correlationId: correlation && CORRELATION_RULE.test(correlation) ? correlation : id,
  };
}

export type InboundOutcome =
  | { accepted: true; command: InboundCommand; result: SubmissionCommandResult }
  | { accepted: false; rejection: InboundRejection };

/**
 * Turns a message into a command and runs it. A message that is wrong, or that the domain
 * refuses, comes back as a rejection (for the dead-letter topic); anything else — the store
 * being down — is thrown, for the consumer to retry.
 */
export class InboundCommandProcessor {
  constructor(
    private readonly commands: SubmissionCommandPort,
    private readonly directory: { find(id: string): Promise<OrganisationProfile | null> },
    private readonly services: readonly string[],
  ) {}

  async process(headers: IHeaders | undefined, value: Buffer | null): Promise<InboundOutcome> {
    try {
      const command = await parseInboundCommand(headers, value, this.services);
      const { userId, userName, roles, organisationId } = command.onBehalfOf;
      const organisation = await this.directory.find(organisationId);
      if (!organisation) {
        throw new InboundRejection(
          403,
          'Forbidden',
          `Organisation ${organisationId} is not registered`,
        );
      }
      const context: CommandContext = {
        // The history names the service beside the person it acted for.
        actor: {
          userId,
          userName: `${userName ?? userId} (via ${command.source})`,
          roles,
          organisation,
        },
        correlationId: command.correlationId,
        causationId: command.id,
        // Event ids derive from the key, so a redelivered message appends nothing.
        idempotencyKey: `kafka:${command.source}:${command.id}`,
      };
      const result = await command.spec.run(this.commands, command.dto, command.target, context);
      return { accepted: true, command, result };
    } catch (error) {
      if (error instanceof InboundRejection) return { accepted: false, rejection: error };
      if (error instanceof DomainError) {
        return {
          accepted: false,
          rejection: new InboundRejection(error.status, error.title, error.message, error.details),
        };
      }
      throw error;
    }
  }
}
