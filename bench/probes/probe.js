// Nest on Express vs Nest on Fastify: the same two routes, the service's CPU per request.
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { Module, Controller, Get, Post, Body, ValidationPipe, HttpCode } = require('@nestjs/common');
const { IsString, IsIn, MaxLength } = require('class-validator');

class Dto {}
IsString()(Dto.prototype, 'officeLogNumber');
MaxLength(100)(Dto.prototype, 'officeLogNumber');
IsIn(['a', 'b'])(Dto.prototype, 'kind');

class Ctl {
  live() {
    return { status: 'ok' };
  }
  receipt(body) {
    return {
      submissionId: 'x',
      revision: 3,
      status: 'received',
      events: ['SubmissionReceived'],
      got: body.officeLogNumber,
    };
  }
}
Reflect.decorate(
  [Get('live')],
  Ctl.prototype,
  'live',
  Object.getOwnPropertyDescriptor(Ctl.prototype, 'live'),
);
Reflect.defineMetadata('design:paramtypes', [Dto], Ctl.prototype, 'receipt');
Body()(Ctl.prototype, 'receipt', 0);
Reflect.decorate(
  [Post('receipt'), HttpCode(200)],
  Ctl.prototype,
  'receipt',
  Object.getOwnPropertyDescriptor(Ctl.prototype, 'receipt'),
);
Controller('probe')(Ctl);
class App {}
Module({ controllers: [Ctl] })(App);

async function main() {
  const kind = process.argv[2];
  let app;
  if (kind === 'fastify') {
    const { FastifyAdapter } = require('@nestjs/platform-fastify');
    app = await NestFactory.create(App, new FastifyAdapter(), { logger: false });
  } else {
    app = await NestFactory.create(App, { logger: false });
  }
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  await app.listen(Number(process.argv[3]), '127.0.0.1');
  process.send?.('ready');
}
main();
