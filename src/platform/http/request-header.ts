import { FastifyRequest } from 'fastify';

/** A request header's value; Node joins repeated ones with `, ` (set-cookie aside). */
export function requestHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
