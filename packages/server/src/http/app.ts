import Fastify, { type FastifyInstance } from 'fastify';
import type { SpurDb } from '../db/connection.ts';

export interface AppOptions {
  db: SpurDb;
  logLevel?: string;
}

/** Builds the HTTP application. Each area registers its routes here. */
export async function buildApp({ db, logLevel = 'info' }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: logLevel } });

  // Health answers 200 only when the database answers, so a load balancer can trust it.
  app.get('/api/health', async (_request, reply) => {
    try {
      await db.query('select 1');
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  return app;
}
