import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { ActorContext } from './actor';
import { OrganisationDirectory } from './actor';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const PUBLIC = 'legislink:public';
/** Marks a route that needs no token (health, API docs, the public calendar). */
export const Public = () =>
  applyDecorators(SetMetadata(PUBLIC, true), ApiExtension(PUBLIC_OPERATION, true));

/** Marks public operations in the OpenAPI document, which then declares `security: []`. */
export const PUBLIC_OPERATION = 'x-legislink-public';

export type AuthenticatedRequest = FastifyRequest & {
  actor?: ActorContext;
  correlationId?: string | null;
};

/**
 * Every route needs a bearer token unless marked @Public. The token names the user, the
 * organisation and the roles; the organisation must be registered, and its profile travels
 * with the request so every command can check role and organisation together.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly directory: OrganisationDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('A bearer token is required');
    let claims;
    try {
      claims = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
    const organisation = await this.directory.find(claims.organisationId);
    if (!organisation) {
      throw new ForbiddenException(`Organisation ${claims.organisationId} is not registered`);
    }
    request.actor = {
      userId: claims.userId,
      userName: claims.userName,
      roles: claims.roles,
      organisation,
    };
    return true;
  }
}

/** The authenticated caller of the current request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new UnauthorizedException('A bearer token is required');
  return actor;
});
