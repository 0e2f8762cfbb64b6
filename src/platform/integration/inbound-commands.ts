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
} from 'class-validator';
import { IHeaders } from 'kafkajs';
import { ROLES, Role } from '../../events/envelope';
import { OrganisationProfile } from '../access/actor';
import { CommandBus, CommandOutcome } from '../commands/command-bus';
import { CommandContext, CommandHandler } from '../commands/command-handler';
import { DomainError } from '../kernel/domain-errors';
import { AnyCommand } from '../kernel/feature';
import { FeatureRegistry } from '../kernel/feature-registry';
import { ID_PATTERN, paramMatches, routeParams } from '../http/command-routes';
import {
  FieldError,
  RequestValidationError,
  requestValidationPipe,
} from '../http/request-validation';
import {
  COMMAND_ID_RULE,
  CORRELATION_ID_RULE,
  JSON_CONTENT_TYPE,
  MalformedHeadersError,
  SPEC_VERSION,
  cloudEventAttributes,
  decodeHeaders,
  decodeHeadersLeniently,
} from './cloudevents';
import { replyTopicAllowed } from './command-replies';
import { Withheld, bodyObject } from './dead-letter-text';
import { jsonShapeProblem } from '../kernel/json-shape';

export const COMMAND_TYPE_PREFIX = 'cn.legislink.command.';

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
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}

/** The Kafka type of a declared command. */
export const inboundType = (command: AnyCommand) => `${COMMAND_TYPE_PREFIX}${command.name}.v1`;

/** Every command other systems may send: the declared ones with roles open to services. */
export function inboundCommandTypes(registry: FeatureRegistry): string[] {
  return [...registry.commands.values()]
    .filter((c) => (c.inboundRoles ?? []).length > 0)
    .map(inboundType);
}

/**
 * Which CloudEvents attribute carries each route parameter: the target aggregate's id travels
 * in `subject`, any other parameter in the attribute of its name in lower case
 * (`pointNumber` → `pointnumber`).
 */
export function attributeOf(command: AnyCommand, param: string): string {
  return param === command.aggregate.idField ? 'subject' : param.toLowerCase();
}

/**
 * Why a message is refused, with the HTTP status the same request would have got. Every
 * refusal names at least one `{field, rule, message}` in `details.errors`, so a sender can act
 * on a dead letter without parsing prose.
 */
export class InboundRejection extends Error {
  readonly details: { errors: FieldError[]; [key: string]: unknown };

  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    errors: readonly FieldError[],
    extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'InboundRejection';
    this.details = { ...extra, errors: [...errors] };
  }

  static invalid(message: string, errors: FieldError[]): InboundRejection {
    return new InboundRejection(400, 'Invalid request', message, errors);
  }

  /** A refusal with a single broken rule. */
  static of(status: number, title: string, field: string, rule: string, message: string) {
    return new InboundRejection(status, title, message, [{ field, rule, message }]);
  }

  /**
   * The domain's refusal. A business rule already names its field; the others are about the
   * target (`ce_subject`) or the person acted for, named by the error's kind.
   */
  static fromDomain(error: DomainError): InboundRejection {
    const { errors, ...extra } = error.details as { errors?: FieldError[] };
    const kind = error.name.replace(/Error$/, '');
    const rule = kind.charAt(0).toLowerCase() + kind.slice(1);
    const field = error.status === 403 ? 'ce_onbehalfof' : 'ce_subject';
    return new InboundRejection(
      error.status,
      error.title,
      error.message,
      errors?.length ? errors : [{ field, rule, message: error.message }],
      extra,
    );
  }
}

export interface InboundCommand {
  /** `ce_id`: unique per source; a redelivery carries the same one. */
  id: string;
  /** `ce_source`: the sending service's identity. */
  source: string;
  type: string;
  definition: AnyCommand;
  dto: object;
  params: Record<string, string | number>;
  onBehalfOf: OnBehalfOfDto;
  correlationId: string;
}

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

function parseJson(text: string, field: string, jsonField: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const message = `${field} is not valid JSON: ${(error as Error).message}`;
    throw InboundRejection.invalid(message, [{ field: jsonField, rule: 'json', message }]);
  }
  const problem = jsonShapeProblem(value);
  if (problem) {
    // Body members are named as on HTTP (`title`); attribute members under their attribute.
    const at = !problem.field
      ? jsonField
      : jsonField === 'body'
        ? problem.field
        : `${jsonField}.${problem.field}`;
    throw InboundRejection.invalid(`${field}: ${problem.message}`, [
      { field: at, rule: problem.rule, message: problem.message },
    ]);
  }
  return value;
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

/** The route parameters, from the attributes that carry them, checked like the HTTP path. */
function paramsOf(
  attributes: Record<string, string>,
  definition: AnyCommand,
): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [name, kind] of routeParams(definition)) {
    const attribute = attributeOf(definition, name);
    const value = required(attributes, attribute);
    if (!paramMatches(kind, value)) {
      const message = `ce_${attribute} must be ${kind === 'uuid' ? 'the target id (UUID)' : kind === 'int' ? 'a positive whole number' : 'an id'}`;
      throw InboundRejection.invalid(message, [
        { field: `ce_${attribute}`, rule: kind === 'uuid' ? 'isUuid' : 'cloudEvents', message },
      ]);
    }
    params[name] = kind === 'int' ? Number(value) : value;
  }
  return params;
}

/** Reads and validates a command message; throws InboundRejection saying what is wrong. */
export async function parseInboundCommand(
  registry: FeatureRegistry,
  headers: IHeaders | undefined,
  value: Buffer | null,
  services: readonly string[],
  /** With the topic prefix, `ce_replyto` must name an allowed reply topic. */
  topicPrefix?: string,
): Promise<InboundCommand> {
  let decoded: Record<string, string>;
  try {
    decoded = decodeHeaders(headers);
  } catch (error) {
    if (error instanceof MalformedHeadersError) {
      throw InboundRejection.invalid(error.message, [
        { field: error.header, rule: 'unique', message: error.message },
      ]);
    }
    throw error;
  }
  const contentType = decoded['content-type'];
  if (
    contentType !== undefined &&
    contentType.split(';')[0].trim().toLowerCase() !== JSON_CONTENT_TYPE
  ) {
    throw InboundRejection.of(
      415,
      'Unsupported Media Type',
      'content-type',
      'mediaType',
      `content-type must be ${JSON_CONTENT_TYPE} (CloudEvents binary mode), not ${contentType}`,
    );
  }
  const attributes = cloudEventAttributes(decoded);
  if (attributes.specversion !== SPEC_VERSION) {
    const message = `ce_specversion must be ${SPEC_VERSION}`;
    throw InboundRejection.invalid(message, [
      { field: 'ce_specversion', rule: 'cloudEvents', message },
    ]);
  }
  const id = required(attributes, 'id', COMMAND_ID_RULE);
  const source = required(attributes, 'source');
  if (!services.includes(source)) {
    throw InboundRejection.of(
      403,
      'Forbidden',
      'ce_source',
      'allowedService',
      `Service ${source} may not send commands`,
    );
  }
  const replyTo = attributes.replyto;
  if (
    topicPrefix !== undefined &&
    replyTo !== undefined &&
    !replyTopicAllowed(topicPrefix, replyTo)
  ) {
    throw InboundRejection.of(
      400,
      'Invalid request',
      'ce_replyto',
      'allowedReplyTopic',
      `ce_replyto must be ${topicPrefix}command-replies or a topic under it (${topicPrefix}command-replies.<name>)`,
    );
  }
  const type = required(attributes, 'type');
  const match = /^cn\.legislink\.command\.(.+)\.v1$/.exec(type);
  const definition = match ? registry.commands.get(match[1]) : undefined;
  const allowedRoles = definition?.inboundRoles ?? [];
  if (!definition || allowedRoles.length === 0) {
    const message = `Unknown command type ${type}`;
    throw new InboundRejection(
      400,
      'Unknown command type',
      message,
      [{ field: 'ce_type', rule: 'isIn', message }],
      { knownTypes: inboundCommandTypes(registry) },
    );
  }
  const onBehalfOf = await validated(
    OnBehalfOfDto,
    parseJson(required(attributes, 'onbehalfof'), 'ce_onbehalfof', 'ce_onbehalfof'),
    'onBehalfOf',
  );
  const foreignRole = onBehalfOf.roles.find((role) => !allowedRoles.includes(role));
  if (foreignRole) {
    const message = `Services act in the roles ${allowedRoles.join(', ')} for this command, never as ${foreignRole}`;
    throw InboundRejection.invalid(message, [{ field: 'onBehalfOf.roles', rule: 'isIn', message }]);
  }
  const params = paramsOf(attributes, definition);
  if (!value || value.length === 0) {
    const message = 'The message has no body';
    throw InboundRejection.invalid(message, [{ field: 'body', rule: 'isNotEmpty', message }]);
  }
  const dto = await validated(
    definition.dto as new () => object,
    parseJson(value.toString('utf8'), 'The body', 'body'),
    'body',
  );
  const correlation = attributes.correlationid;
  return {
    id,
    source,
    type,
    definition,
    dto,
    params,
    onBehalfOf,
    correlationId: correlation && CORRELATION_ID_RULE.test(correlation) ? correlation : id,
  };
}

export type InboundOutcome =
  | { accepted: true; command: InboundCommand; result: CommandOutcome }
  | {
      accepted: false;
      rejection: InboundRejection;
      /** What the shared dead-letter topic may not keep of the value (none when empty). */
      withheld: Withheld;
    };

export interface InboundProcessorOptions {
  /** The topic prefix, for `ce_replyto`; unchecked without it. */
  topicPrefix?: string;
  /** Categories whose text may be shared (`INTEGRATION_TEXT_CATEGORIES`). */
  textCategories?: readonly string[];
  /** Reads a refused command's target, to decide whether its text may be shared. */
  states?: Pick<CommandHandler, 'load'>;
}

export type CommandRunner = Pick<CommandBus, 'run'>;

/**
 * Turns a message into a command and runs it. A message that is wrong, or that the domain
 * refuses, comes back as a rejection (for the dead-letter topic); anything else — the store
 * being down — is thrown, for the consumer to retry.
 */
export class InboundCommandProcessor {
  constructor(
    private readonly registry: FeatureRegistry,
    private readonly commands: CommandRunner,
    private readonly directory: { find(id: string): Promise<OrganisationProfile | null> },
    private readonly services: readonly string[],
    private readonly options: InboundProcessorOptions = {},
  ) {}

  async process(headers: IHeaders | undefined, value: Buffer | null): Promise<InboundOutcome> {
    try {
      const command = await parseInboundCommand(
        this.registry,
        headers,
        value,
        this.services,
        this.options.topicPrefix,
      );
      const { userId, userName, roles, organisationId } = command.onBehalfOf;
      const organisation = await this.directory.find(organisationId);
      if (!organisation) {
        throw InboundRejection.of(
          403,
          'Forbidden',
          'onBehalfOf.organisationId',
          'registered',
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
      const result = await this.commands.run(
        command.definition,
        command.dto,
        command.params,
        context,
      );
      return { accepted: true, command, result };
    } catch (error) {
      let rejection: InboundRejection;
      if (error instanceof InboundRejection) rejection = error;
      else if (error instanceof DomainError) rejection = InboundRejection.fromDomain(error);
      else throw error;
      return {
        accepted: false,
        rejection,
        // Only a refusal of the domain's comes from reading the target as the person acted for.
        withheld: await this.withheld(
          headers,
          value,
          error instanceof DomainError && rejection.status !== 404,
        ),
      };
    }
  }

  /**
   * The text a refused command's dead letter may not keep: per its declaration (`text`), by
   * the body it asks for and the target's state. A command of a type this service does not
   * know may hold anything, so none of its value is kept; one that declares no text keeps it.
   */
  private async withheld(
    headers: IHeaders | undefined,
    value: Buffer | null,
    /** The target was read as the person acted for: the domain refused, not with 404. */
    targetRead: boolean,
  ): Promise<Withheld> {
    const attributes = cloudEventAttributes(decodeHeadersLeniently(headers));
    const match = /^cn\.legislink\.command\.(.+)\.v1$/.exec(attributes.type ?? '');
    const definition = match ? this.registry.commands.get(match[1]) : undefined;
    if (!definition || (definition.inboundRoles ?? []).length === 0) return 'whole';
    const text = definition.text;
    if (!text) return [];
    const body = bodyObject(value);
    let state: unknown = null;
    const target = attributes.subject;
    // The target's state is consulted only when the domain refused after reading it for the
    // person acted for; a command refused before (a bad body, an unknown sender) or told the
    // target is not found keeps no text, so what is kept says nothing of a submission the
    // sender may not see.
    if (!definition.creates && targetRead && target && paramMatches('uuid', target)) {
      // Unreadable (the store away): the text stays out rather than wait for it.
      state =
        (await this.options.states
          ?.load(definition.aggregate, target)
          .then((loaded) => (loaded.revision === null ? null : loaded.state))
          .catch(() => null)) ?? null;
    }
    const settings = { textCategories: this.options.textCategories ?? [] };
    if (text.mayShare({ body, state, settings })) return [];
    return body === null ? 'whole' : text.fields;
  }
}
