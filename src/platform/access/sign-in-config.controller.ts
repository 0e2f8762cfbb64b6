import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../../config/app-config';
import { Public } from './auth.guard';

export class OidcClaimNamesView {
  @ApiProperty({ example: 'org', description: 'Claim (or dotted path) of the organisation id' })
  organisation!: string;
  @ApiProperty({ example: 'roles', description: 'Claim (or dotted path) of the roles' })
  roles!: string;
  @ApiProperty({ example: 'name', description: 'Claim (or dotted path) of the display name' })
  name!: string;
}

export class OidcSignInView {
  @ApiProperty({ example: 'https://sso.example.gov.cn/realms/legislink' }) issuer!: string;
  @ApiProperty({ example: 'legislink-web' }) clientId!: string;
  @ApiProperty({ example: 'openid profile' }) scopes!: string;
  @ApiProperty({ type: OidcClaimNamesView }) claims!: OidcClaimNamesView;
  @ApiProperty({
    example: '/auth/callback',
    description: 'Path of the redirect URI on this service, to register with the provider',
  })
  redirectPath!: string;
}

export class SignInConfigView {
  @ApiProperty({
    enum: ['oidc', 'token'],
    description:
      '`oidc`: authorization code with PKCE at the configured issuer; `token`: paste a token',
  })
  mode!: 'oidc' | 'token';
  @ApiProperty({ description: 'Whether GET /api/demo-users offers demo users (DEMO_SIGN_IN)' })
  demoUsers!: boolean;
  @ApiProperty({ type: OidcSignInView, nullable: true }) oidc!: OidcSignInView | null;
}

/** Where the web UI comes back to from the provider; the provider must know it. */
export const OIDC_REDIRECT_PATH = '/auth/callback';

/**
 * How the web UI signs in, before anyone has: public, and holding nothing secret (the client
 * is a public one; PKCE stands in for a secret).
 */
@ApiTags('sign-in')
@Public()
@Controller('api/sign-in')
export class SignInConfigController {
  constructor(private readonly config: AppConfig) {}

  @Get('config')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({
    summary: 'How the web UI signs in: OIDC (issuer, client, scopes, claims) or a token',
  })
  @ApiOkResponse({ type: SignInConfigView })
  signInConfig(): SignInConfigView {
    const c = this.config;
    return {
      mode: c.OIDC_ISSUER ? 'oidc' : 'token',
      demoUsers: c.DEMO_SIGN_IN === 'true',
      oidc: c.OIDC_ISSUER
        ? {
            issuer: c.OIDC_ISSUER,
            clientId: c.OIDC_CLIENT_ID!,
            scopes: c.OIDC_SCOPES,
            claims: {
              organisation: c.OIDC_ORGANISATION_CLAIM,
              roles: c.OIDC_ROLES_CLAIM,
              name: c.OIDC_NAME_CLAIM,
            },
            redirectPath: OIDC_REDIRECT_PATH,
          }
        : null,
    };
  }
}
