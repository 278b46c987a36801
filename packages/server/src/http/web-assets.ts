import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `vite build` puts the portal (packages/web/dist). */
export const portalBuildDir = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Client routes look like /account or /programs/42; a path ending in a file name is a missing file. */
function isClientRoute(pathname: string): boolean {
  const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1);
  return !lastSegment.includes('.');
}

/**
 * Serves the built portal at `/`: its files as they are, and index.html for every other GET so
 * client routes such as /account survive a reload. `/api/*` is never answered here: unknown
 * API paths get the API's own JSON 404. Without a build (tests, API-only use) nothing is served.
 */
export async function registerWebAssets(app: FastifyInstance, buildDir: string = portalBuildDir): Promise<boolean> {
  if (!existsSync(join(buildDir, 'index.html'))) {
    app.log.info({ buildDir }, 'portal build not found, serving the API only (run: npm run build -w @spur/web)');
    return false;
  }
  await app.register(fastifyStatic, {
    root: buildDir,
    // One route per built file instead of a wildcard route, which would shadow /api/* 404s.
    wildcard: false,
    setHeaders(reply, path) {
      // Vite puts a content hash in every asset name: cache forever; index.html must revalidate.
      if (path.includes('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
      else reply.header('cache-control', 'no-cache');
    },
  });
  // The root not-found handler, not a catch-all route: /api/* keeps the API's own JSON 404.
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if ((request.method === 'GET' || request.method === 'HEAD') && isClientRoute(pathname)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({
      error: { code: 'not_found', message: `${request.method} ${pathname} does not exist`, details: null },
    });
  });
  return true;
}
