import {
  ArgumentMetadata,
  Body,
  Controller,
  HttpCode,
  Inject,
  Param,
  PipeTransform,
  Post,
  Req,
  Res,
  Type,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { FastifyReply } from 'fastify';
import { AggregateDefinition, Feature, ParamKind } from '../kernel/feature';
import { AnyCommand } from '../kernel/feature';
import { CommandBus } from '../commands/command-bus';
import { CommandContext } from '../commands/command-handler';
import { AuthenticatedRequest } from '../access/auth.guard';
import { CommandMeta } from './command-meta';
import { IdempotentCommands } from './idempotent-commands';
import { ProblemView } from './problem-schema';
import { RequestValidationError } from './request-validation';

/** Lower-case letters, digits and dashes: organisation ids and other readable ids. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
const INT_PATTERN = /^[1-9]\d{0,5}$/;

/** Whether a parameter value is of its kind; the same check for HTTP paths and Kafka headers. */
export function paramMatches(kind: ParamKind, value: string): boolean {
  if (kind === 'uuid') return isUUID(value);
  if (kind === 'int') return INT_PATTERN.test(value);
  return ID_PATTERN.test(value);
}

const RULES: Record<ParamKind, string> = { uuid: 'isUuid', int: 'isInt', id: 'isId' };

/** Every route parameter of a command with its kind; the target's first. */
export function routeParams(definition: AnyCommand): [string, ParamKind][] {
  const own = Object.entries(definition.params ?? {});
  const target = definition.path.includes(`:${definition.aggregate.idField}`)
    ? own.filter(([name]) => name === definition.aggregate.idField)
    : [];
  return [...target, ...own.filter(([name]) => name !== definition.aggregate.idField)];
}

/** Checks and converts route parameters: 400 naming the parameter and the rule. */
class RouteParamsPipe implements PipeTransform {
  constructor(private readonly kinds: [string, ParamKind][]) {}

  transform(value: Record<string, string>, _metadata: ArgumentMetadata) {
    const parsed: Record<string, string | number> = {};
    for (const [name, kind] of this.kinds) {
      const raw = value[name];
      if (raw === undefined || !paramMatches(kind, raw)) {
        const message = `${name} must be ${kind === 'uuid' ? 'a UUID' : kind === 'int' ? 'a positive whole number' : 'an id of lower-case letters, digits and dashes'}`;
        throw new RequestValidationError([{ field: name, rule: RULES[kind], message }]);
      }
      parsed[name] = kind === 'int' ? Number(raw) : raw;
    }
    return parsed;
  }
}

/** `legislative_item`, `submission.draft` → `LegislativeItem`, `SubmissionDraft`: class names. */
export const pascal = (name: string) =>
  name.replace(/(^|[-_.])(\w)/g, (_m, _s, c: string) => c.toUpperCase());

const responseTypes = new Map<AggregateDefinition, Type>();

/** The OpenAPI schema of an aggregate's command responses. */
function responseType(aggregate: AggregateDefinition): Type {
  const known = responseTypes.get(aggregate);
  if (known) return known;
  const type = class {};
  Object.defineProperty(type, 'name', {
    value: `${pascal(aggregate.name)}CommandResponse`,
  });
  const property = (name: string, options: Parameters<typeof ApiProperty>[0]) =>
    ApiProperty(options)(type.prototype, name);
  property(aggregate.idField, { type: String });
  property('revision', { type: Number, description: 'Stream revision; also the ETag' });
  property('status', { type: String, description: 'The state after the command' });
  property('events', { type: [String], description: 'Events this command recorded' });
  responseTypes.set(aggregate, type);
  return type;
}

/**
 * The HTTP face of a feature's commands: one POST route per command definition, generated with
 * the same decorators a hand-written controller would carry (route, status, body DTO validated
 * by the global pipe, OpenAPI operation, parameters, headers and error responses).
 */
export function commandController(feature: Feature, commands: readonly AnyCommand[]): Type {
  class CommandsController {
    constructor(
      readonly bus: CommandBus,
      readonly idempotent: IdempotentCommands,
    ) {}
  }
  Object.defineProperty(CommandsController, 'name', {
    value: `${pascal(feature.name)}CommandsController`,
  });
  Inject(CommandBus)(CommandsController, undefined as never, 0);
  Inject(IdempotentCommands)(CommandsController, undefined as never, 1);
  const prototype = CommandsController.prototype as unknown as Record<string, unknown>;
  for (const definition of commands) {
    const key = definition.name.replace(/\W/g, '_');
    const params = routeParams(definition);
    const status = definition.creates ? 201 : 200;
    prototype[key] = function (
      this: CommandsController,
      dto: object,
      routeValues: Record<string, string | number>,
      context: CommandContext,
      response: FastifyReply,
      request: AuthenticatedRequest,
    ) {
      return this.idempotent.run(request, response, status, async () => {
        const outcome = await this.bus.run(definition, dto, routeValues, context);
        response.header('ETag', `"${outcome.revision}"`);
        if (outcome.location) response.header('Location', outcome.location);
        return outcome.body;
      });
    };
    Reflect.defineMetadata(
      'design:paramtypes',
      [definition.dto, Object, Object, Object, Object],
      prototype,
      key,
    );
    Body()(prototype, key, 0);
    Param(new RouteParamsPipe(params))(prototype, key, 1);
    CommandMeta()(prototype, key, 2);
    Res({ passthrough: true })(prototype, key, 3);
    Req()(prototype, key, 4);
    const decorators: MethodDecorator[] = [
      Post(definition.path),
      HttpCode(status),
      ApiOperation({ summary: definition.summary, operationId: definition.name }),
      ApiBody({ type: definition.dto }),
      ApiResponse({
        status,
        type: responseType(definition.aggregate),
        description: definition.creates ? 'Created; Location names it' : 'Done',
      }),
      ...[400, 401, 403, 404, 409, 412, 422].map((code) =>
        ApiResponse({ status: code, description: ERRORS[code], type: ProblemView }),
      ),
      ApiHeader({
        name: 'Idempotency-Key',
        required: false,
        description: 'A retry with the same key returns the first result and records nothing',
      }),
      ApiHeader({
        name: 'If-Match',
        required: false,
        description: 'The ETag (stream revision) the change is based on; 412 if it moved on',
      }),
      ApiHeader({ name: 'X-Correlation-Id', required: false }),
      ...params.map(([name, kind]) =>
        ApiParam({
          name,
          schema:
            kind === 'int'
              ? { type: 'integer', minimum: 1 }
              : { type: 'string', format: kind === 'uuid' ? 'uuid' : undefined },
        }),
      ),
    ];
    const descriptor = Object.getOwnPropertyDescriptor(prototype, key)!;
    Reflect.decorate(decorators, prototype, key, descriptor);
    Object.defineProperty(prototype, key, descriptor);
  }
  Controller('api')(CommandsController);
  ApiTags(feature.name)(CommandsController);
  ApiBearerAuth()(CommandsController);
  return CommandsController;
}

const ERRORS: Record<number, string> = {
  400: 'The body or a parameter is malformed; `errors` names each field and rule',
  401: 'No valid bearer token',
  403: 'The role or organisation may not take this step',
  404: 'Not found, or not readable by the caller',
  409: 'The step is not open in the current state (`currentState`, `allowedSteps`), or concurrent changes kept winning',
  412: 'If-Match names a revision the stream has moved past',
  422: 'A business rule is broken; `errors` names the field and the rule',
};
