import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppConfig } from './config/app-config';
import { FEATURES } from './features';
import { CalendarModule } from './modules/calendar/calendar.module';
import { AuthGuard } from './platform/access/auth.guard';
import { CoreModule, CoreOverrides } from './platform/core.module';
import { EventStoreModule } from './platform/event-store/event-store.module';
import { Feature } from './platform/kernel/feature';
import { HealthModule } from './platform/health/health.module';
import { ProblemDetailsFilter } from './platform/http/problem-details.filter';
import { RateLimitGuard } from './platform/http/rate-limit.guard';
import { IntegrationModule } from './platform/integration/integration.module';

@Module({})
export class AppModule {
  static forRoot(
    config: AppConfig,
    overrides: CoreOverrides = {},
    features: readonly Feature[] = FEATURES,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, features, overrides),
        HealthModule,
        CalendarModule,
        EventStoreModule,
        IntegrationModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        // After AuthGuard: it keys the limit on the authenticated caller.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
