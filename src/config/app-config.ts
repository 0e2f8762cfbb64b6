import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { SUBMISSION_CATEGORIES, SubmissionCategory } from '../events/submission-events';

/** Which finished requests get a log line (LOG_REQUESTS); see platform/http/request-logging. */
export const REQUEST_LOG_MODES = ['all', 'errors', 'off'] as const;
export type RequestLogMode = (typeof REQUEST_LOG_MODES)[number];

export const PROCESS_ROLES = ['api', 'projector', 'relay', 'inbound', 'deadlines'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** A token claim's name, or a dotted path to a nested one (`realm_access.roles`). */
const CLAIM_PATH = /^[A-Za-z_][\w:-]*(\.[A-Za-z_][\w:-]*)*$/;

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/**
 * Every setting the service reads, from environment variables. Validated at start-up: a bad
 * value stops the process with a message naming the variable and the rule. The README's
 * configuration table lists the same variables.
 */
export class AppConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** The embedded event store and the read models (always SQLite). */
  @IsString()
  @MinLength(1)
  SQLITE_PATH = './data/legislink.sqlite';

  /** When set, events go to EventStoreDB instead of the embedded SQLite store. */
  @IsOptional()
  @Matches(/^esdb(\+discover)?:\/\//, {
    message: 'EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  /** Comma-separated host:port list; unset means no Kafka (relay and inbound stay off). */
  @IsOptional()
  @Matches(/^\s*[\w.-]+:\d+\s*(,\s*[\w.-]+:\d+\s*)*$/, {
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS?: string;

  /** Names this process to the broker; may differ per deployment without changing events. */
  @Matches(/^[\w.-]{1,100}$/, {
    message: 'KAFKA_CLIENT_ID must be letters, digits, dots, dashes or underscores',
  })
  KAFKA_CLIENT_ID = 'legislink';

  /**
   * The CloudEvents `source` of published events: consumers key deduplication and trust on it,
   * so it stays the same whatever the Kafka client id. A URI reference (RFC 3986), here a URN.
   */
  @Matches(/^urn:[a-z0-9][a-z0-9-]{0,31}:[\w.:/-]{1,200}$/i, {
    message: 'SERVICE_IDENTITY must be a URN such as urn:legislink:legislink',
  })
  SERVICE_IDENTITY = 'urn:legislink:legislink';

  /** Prepended to every topic and consumer group name. */
  @Matches(/^[\w.-]{0,100}$/, {
    message: 'KAFKA_TOPIC_PREFIX may hold only letters, digits, dots, dashes and underscores',
  })
  KAFKA_TOPIC_PREFIX = 'legislink.';

  @Transform(csv)
  @IsIn(PROCESS_ROLES, { each: true })
  PROCESS_ROLES: ProcessRole[] = [...PROCESS_ROLES];

  /** Kafka consumer-group session timeout: how soon a dead relay's lease passes to another. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(300000)
  KAFKA_SESSION_TIMEOUT_MS = 10000;

  /** Submission categories whose text (title, body, opinion points, …) integration events carry. */
  @Transform(csv)
  @IsIn(SUBMISSION_CATEGORIES, { each: true })
  INTEGRATION_TEXT_CATEGORIES: SubmissionCategory[] = [];

  /**
   * The most an integration event (value and headers) may weigh: longer text is cut to fit, and
   * an event still larger is parked rather than sent. Below the broker's limit (1 MB by default).
   */
  @Type(() => Number)
  @IsInt()
  @Min(16384)
  @Max(100_000_000)
  INTEGRATION_MAX_EVENT_BYTES = 900_000;

  /** Service identities (CloudEvents `source`) allowed to send commands over Kafka. */
  @Transform(csv)
  @Matches(/^[\w.:/-]{1,200}$/, {
    each: true,
    message: 'INBOUND_SERVICE_IDENTITIES must list identities of letters, digits and . _ : / -',
  })
  INBOUND_SERVICE_IDENTITIES: string[] = [];

  /** HS256 secret for tokens on the embedded default; generated into the data folder if unset. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsString()
  JWT_ISSUER = 'legislink';

  @IsString()
  JWT_AUDIENCE = 'legislink';

  /** When set, bearer tokens are verified against this JWKS (OIDC) instead of JWT_SECRET. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  OIDC_JWKS_URL?: string;

  /**
   * The OIDC provider (an intranet issuer URL). When set, the web UI signs in with the
   * authorization code flow and PKCE, bearer tokens must carry it as `iss` (instead of
   * JWT_ISSUER), and their keys come from OIDC_JWKS_URL or, without it, from the issuer's
   * discovery document.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  OIDC_ISSUER?: string;

  /** The web UI's client id at the OIDC provider (a public client: PKCE, no secret). */
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,200}$/, {
    message: 'OIDC_CLIENT_ID must be 1–200 printable ASCII characters',
  })
  OIDC_CLIENT_ID?: string;

  /** Scopes the web UI asks for; must include `openid`. */
  @Matches(/^([\x21\x23-\x5b\x5d-\x7e]+ )*[\x21\x23-\x5b\x5d-\x7e]+$/, {
    message: 'OIDC_SCOPES must be scope tokens separated by single spaces',
  })
  @Matches(/(^| )openid( |$)/, { message: 'OIDC_SCOPES must include openid' })
  OIDC_SCOPES = 'openid profile';

  /** The token claim (a dotted path for nested claims) naming the user's organisation id. */
  @Matches(CLAIM_PATH, { message: 'OIDC_ORGANISATION_CLAIM must be a claim name or dotted path' })
  OIDC_ORGANISATION_CLAIM = 'org';

  /** The claim holding the roles: an array, or a space-separated string. */
  @Matches(CLAIM_PATH, { message: 'OIDC_ROLES_CLAIM must be a claim name or dotted path' })
  OIDC_ROLES_CLAIM = 'roles';

  /** The claim holding the user's display name (`sub` when absent). */
  @Matches(CLAIM_PATH, { message: 'OIDC_NAME_CLAIM must be a claim name or dotted path' })
  OIDC_NAME_CLAIM = 'name';

  /** Ed25519 private key (PKCS#8 PEM) that signs log heads; generated beside the data if unset. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SIGNING_KEY_FILE?: string;

  /** Signed log heads are at most this many events apart. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000000)
  LOG_HEAD_EVERY_EVENTS = 1000;

  /** How often the projector reads new events and signs a log head over them. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3600000)
  LOG_HEAD_INTERVAL_MS = 1000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  REPLY_DUE_WORKING_DAYS = 15;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  FEEDBACK_DUE_WORKING_DAYS = 30;

  @IsOptional()
  @IsString()
  CALENDAR_FILE?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Which finished requests get a log line: `errors` (4xx, 5xx and slow ones; a quick success
   * writes nothing), `all`, or `off`.
   */
  @IsIn(REQUEST_LOG_MODES)
  LOG_REQUESTS: RequestLogMode = 'errors';

  /** A request slower than this is logged (warn) under LOG_REQUESTS=errors. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600000)
  LOG_SLOW_REQUEST_MS = 1000;

  /** How long a command response waits for the in-process read models to catch up. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60000)
  READ_YOUR_WRITES_TIMEOUT_MS = 2000;

  /** How long a command keeps retrying after losing an append race to a concurrent one. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60000)
  COMMAND_RETRY_DEADLINE_MS = 5000;

  /** The largest request body accepted (413 beyond); 200,000 Chinese characters are ~600 KB. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(104857600)
  HTTP_BODY_LIMIT_BYTES = 1048576;

  /** Browser origins allowed to call the API (CORS); none when empty. */
  @Transform(csv)
  @Matches(/^https?:\/\/[^/\s]+$/, {
    each: true,
    message: 'CORS_ORIGINS must list origins like https://example.org (scheme and host, no path)',
  })
  CORS_ORIGINS: string[] = [];

  /**
   * Requests a minute per identity (the token's subject), or per client address without one;
   * 0 turns rate limiting off. The default leaves room for the loopback benchmarks.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_MINUTE = 6000;

  /**
   * How many reverse proxies in front of the service to trust for the client's address
   * (X-Forwarded-For), so rate limits apply per client rather than per proxy; 0 trusts none.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS = 0;

  /**
   * Opinions an hour one client address may send through the public consultation form (no
   * account): past it 429 with Retry-After; 0 turns this limit off (RATE_LIMIT_PER_MINUTE stays).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100000)
  CONSULTATION_PUBLIC_OPINIONS_PER_HOUR = 20;

  /**
   * Erasure requests an hour one client address may make with receipt codes (no account): past
   * it 429 with Retry-After; 0 turns this limit off.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100000)
  CONSULTATION_PUBLIC_ERASURES_PER_HOUR = 10;

  /** Linkage view: a decision needing follow-up is flagged when no item is linked after this. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  LINKAGE_UNLINKED_DAYS = 90;

  /** Linkage view: an item is flagged as stalled after this many days in one stage. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  LINKAGE_STALLED_DAYS = 180;

  /** Notifications: a reply, feedback or material due within this many days is due soon. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  NOTIFICATIONS_DUE_SOON_DAYS = 3;

  /**
   * How often a process with the `deadlines` role records the due dates that came near or went
   * by (for the notifications topic); the first sweep runs at start-up.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  DEADLINE_SWEEP_INTERVAL_MS = 60_000;

  /**
   * The built web UI (web/dist), served at `/` by a process with the api role; a missing folder
   * leaves only the API. Relative to the working directory.
   */
  @IsString()
  @MinLength(1)
  WEB_ROOT = './web/dist';

  /**
   * `true` publishes GET /api/demo-users: the demo users with short-lived tokens, for the web
   * sign-in page, listed only while the demo organisations are registered. Never in production:
   * anyone who reaches the service could sign in as a demo user. Refused with OIDC_JWKS_URL.
   */
  @IsIn(['true', 'false'], { message: 'DEMO_SIGN_IN must be true or false' })
  DEMO_SIGN_IN: 'true' | 'false' = 'false';

  has(role: ProcessRole): boolean {
    return this.PROCESS_ROLES.includes(role);
  }
}

export class ConfigurationError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const given = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => known.includes(key) && value !== ''),
  );
  const config = plainToInstance(AppConfig, given, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `  ${e.property}=${JSON.stringify(env[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigurationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.DEMO_SIGN_IN === 'true' && (config.OIDC_JWKS_URL || config.OIDC_ISSUER)) {
    throw new ConfigurationError(
      'Invalid configuration:\n  DEMO_SIGN_IN=true: demo tokens are signed locally; not with OIDC_JWKS_URL or OIDC_ISSUER',
    );
  }
  if (config.OIDC_ISSUER && !config.OIDC_CLIENT_ID) {
    throw new ConfigurationError(
      'Invalid configuration:\n  OIDC_CLIENT_ID: required with OIDC_ISSUER (the web UI signs in as that client)',
    );
  }
  return config;
}
