import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../../config/app-config';
import { ProjectionRunner } from '../projections/projection-runner';
import { Public } from '../access/auth.guard';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { READINESS_CHECKS, ReadinessCheck } from '../kernel/readiness';

/** Liveness (the process answers) and readiness (its dependencies answer). */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    private readonly config: AppConfig,
    @Inject(READINESS_CHECKS) private readonly extraChecks: ReadinessCheck[],
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Same as /health/ready' })
  root() {
    return this.ready();
  }

  @Get('live')
  @ApiOkResponse({ description: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'Every dependency answers' })
  @ApiServiceUnavailableResponse({ description: 'A dependency does not answer' })
  async ready() {
    const checks: Record<string, { status: 'up' | 'down'; detail?: string }> = {};
    const run = async (name: string, probe: () => Promise<string | void>) => {
      try {
        const detail = await probe();
        checks[name] = detail ? { status: 'up', detail } : { status: 'up' };
      } catch (error) {
        checks[name] = { status: 'down', detail: (error as Error).message };
      }
    };
    await run('eventStore', async () => {
      await this.store.ping();
      return this.store.describe();
    });
    if (this.config.has('projector')) {
      await run('projections', async () => {
        if (!this.projections.running) {
          throw new Error(
            `stopped: ${String((this.projections.lastFailure as Error)?.message ?? 'not started')}`,
          );
        }
      });
    }
    for (const check of this.extraChecks) await run(check.name, () => check.probe());
    const ready = Object.values(checks).every((c) => c.status === 'up');
    const body = { status: ready ? 'ok' : 'unavailable', checks };
    if (!ready) throw new ServiceUnavailableException(body);
    return body;
  }
}
