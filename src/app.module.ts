import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { AuthGuard } from './platform/access/auth.guard';
import { CalendarModule } from './modules/calendar/calendar.module';
import { EventStoreModule } from './platform/event-store/event-store.module';
import { HealthModule } from './platform/health/health.module';
import { IdempotencyInterceptor } from './platform/http/idempotency.interceptor';
import { IntegrationModule } from './platform/integration/integration.module';
import { OrganisationsModule } from './modules/organisations/organisations.module';
import { SubmissionsModule } from './modules/submissions/submissions.module';
import { CoreModule, CoreOverrides } from './platform/core.module';
import { ProblemDetailsFilter } from './platform/http/problem-details.filter';
import { RateLimitGuard } from './platform/http/rate-limit.guard';
import { AuthenticatedRequest } from './platform/access/auth.guard';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: CoreOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            genReqId: (req) => (req as unknown as AuthenticatedRequest).correlationId ?? '',
            customProps: (req) => ({
              correlationId: (req as unknown as AuthenticatedRequest).correlationId,
            }),
            redact: ['req.headers.authorization'],
          },
        }),
        CoreModule.forRoot(config, overrides),
        HealthModule,
        CalendarModule,
        EventStoreModule,
        OrganisationsModule,
        SubmissionsModule,
        IntegrationModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        // After AuthGuard: it keys the limit on the authenticated caller.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
