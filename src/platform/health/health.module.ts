import { Module } from '@nestjs/common';
import { IntegrationModule } from '../integration/integration.module';
import { Integration } from '../integration/integration.service';
import { HealthController } from './health.controller';
import { READINESS_CHECKS } from '../kernel/readiness';

@Module({
  imports: [IntegrationModule],
  controllers: [HealthController],
  providers: [
    {
      provide: READINESS_CHECKS,
      inject: [Integration],
      useFactory: (integration: Integration) => integration.readinessChecks(),
    },
  ],
})
export class HealthModule {}
