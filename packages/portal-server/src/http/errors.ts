// One JSON error shape for every failure — `{ message, code, field? }` — and never a stack trace: fastify's
// validation errors name the field that failed, unknown errors are logged and answered with a generic 500.
import type { FastifyError, FastifyInstance } from 'fastify';
import { PortalHttpError } from '../errors.ts';

export function installErrorHandling(app: FastifyInstance, log: (err: unknown) => void): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof PortalHttpError) {
      return reply.code(err.status).send({ message: err.message, code: err.code, ...(err.field ? { field: err.field } : {}) });
    }
    if (err.validation) {
      const v = err.validation[0]!;
      const params = v.params as { missingProperty?: string; additionalProperty?: string };
      const where = err.validationContext ?? 'request';
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      const field = params.missingProperty ?? params.additionalProperty ?? (path || where);
      const what = params.additionalProperty ? `unknown field "${params.additionalProperty}"` : v.message ?? 'invalid';
      return reply.code(400).send({ message: `${field}: ${what}`, code: 'PORTAL_BAD_REQUEST', field });
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      // Body parsing errors (bad JSON, wrong content type, too large) name the body.
      return reply.code(err.statusCode === 415 || err.statusCode === 413 ? err.statusCode : 400).send({ message: `body: ${err.message}`, code: 'PORTAL_BAD_REQUEST', field: 'body' });
    }
    log(err);
    return reply.code(500).send({ message: 'internal error', code: 'PORTAL_INTERNAL' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ message: `no such endpoint: ${request.method} ${request.url.split('?')[0]}`, code: 'PORTAL_UNKNOWN_ID' }),
  );
}
