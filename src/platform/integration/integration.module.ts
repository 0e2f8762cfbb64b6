import { Controller, Get, Module } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/auth.guard';
import { Integration } from './integration.service';

/** Relay and inbound state for dashboards and metrics; under /health, so every role serves it. */
@ApiTags('health')
@Public()
@Controller('health')
export class IntegrationStatusController {
  constructor(private readonly integration: Integration) {}

  @Get('integration')
  @ApiOkResponse({
    description: 'Kafka settings, relay (leader, checkpoint, lag) and inbound state',
  })
  status() {
    return this.integration.status();
  }
}

/** Kafka: the relay out, the inbound consumer in (see docs/integration-events.md). */
@Module({
  controllers: [IntegrationStatusController],
  providers: [Integration],
  exports: [Integration],
})
export class IntegrationModule {}
