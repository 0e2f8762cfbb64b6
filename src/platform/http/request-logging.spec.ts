import { Writable } from 'node:stream';
import pino from 'pino';
import { RequestLogMode } from '../../config/app-config';
import { PinoNestLogger, requestLogger } from './request-logging';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

/** One request as the hooks report it: finished with `status` after `ms`, or aborted. */
async function serve(mode: RequestLogMode, status: number, ms = 1, finished = true) {
  const { lines, logger } = capture();
  const request = {
    method: 'POST',
    originalUrl: '/api/submissions',
    ip: '127.0.0.1',
    correlationId: 'c-1',
    headers: { authorization: 'Bearer secret-token' },
  };
  const log = requestLogger(logger, mode, 1000);
  if (finished) log?.(request, status, ms, true);
  else log?.(request, undefined, undefined, false);
  await new Promise((resolve) => setImmediate(resolve));
  return lines;
}

describe('Given LOG_REQUESTS=errors (the default)', () => {
  it('when a request succeeds quickly, then nothing is written', async () => {
    expect(await serve('errors', 201)).toEqual([]);
  });

  it('when a request fails or is slow, then a line names it, without its headers', async () => {
    const [clientError] = await serve('errors', 404);
    expect(clientError).toMatchObject({
      level: 30,
      correlationId: 'c-1',
      req: { method: 'POST', url: '/api/submissions' },
      res: { statusCode: 404 },
      msg: 'request completed',
    });
    expect(JSON.stringify(clientError)).not.toContain('secret-token');
    expect(await serve('errors', 500)).toMatchObject([{ level: 50 }]);
    expect(await serve('errors', 200, 1500)).toMatchObject([{ level: 40 }]);
    expect(await serve('errors', 200, 1, false)).toMatchObject([{ msg: 'request aborted' }]);
  });
});

describe('Given LOG_REQUESTS=all or off', () => {
  it('then every request is written, or none', async () => {
    expect(await serve('all', 200)).toMatchObject([{ level: 30, res: { statusCode: 200 } }]);
    expect(await serve('off', 500)).toEqual([]);
  });
});

describe('Given Nest logging through pino', () => {
  it('then the context, objects and errors become fields of the line', async () => {
    const { lines, logger } = capture();
    const nest = new PinoNestLogger(logger);
    nest.log('started', 'Core');
    nest.error({ msg: 'Projection stopped', err: new Error('disk full') }, 'Projections');
    nest.error(new Error('boom'));
    nest.debug('not written at info');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toMatchObject([
      { level: 30, context: 'Core', msg: 'started' },
      {
        level: 50,
        context: 'Projections',
        msg: 'Projection stopped',
        err: { message: 'disk full' },
      },
      { level: 50, msg: 'boom', err: { message: 'boom' } },
    ]);
    expect(lines).toHaveLength(3);
  });
});
