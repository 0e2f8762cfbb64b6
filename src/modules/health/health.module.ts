import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { READINESS_CHECKS } from './readiness';

@Module({
  controllers: [HealthController],
  providers: [{ provide: READINESS_CHECKS, useValue: [] }],
})
export class HealthModule {}
