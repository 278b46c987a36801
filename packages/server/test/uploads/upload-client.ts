import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Client } from '../http/api-fixture.ts';

/** A multipart/form-data body with one file field, as a browser sends it. */
export function multipartBody(fileName: string, content: Buffer | string, field = 'file') {
  const boundary = `----spur${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads through the client's session (cookies and CSRF header as the portal sends them). */
export async function upload(
  app: FastifyInstance,
  client: Client,
  fileName: string,
  content: Buffer | string,
  query = '',
): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipartBody(fileName, content);
  return app.inject({
    method: 'POST',
    url: `/api/v1/sellout/imports${query}`,
    cookies: client.cookies,
    headers: { 'x-csrf-token': client.cookies.spur_csrf ?? '', 'content-type': contentType },
    payload,
  });
}

/** Polls the import until it is no longer running. */
export async function waitForImport(client: Client, importId: string): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const response = await client.request('GET', `/api/v1/sellout/imports/${importId}`);
    const status = JSON.parse(response.body) as Record<string, unknown>;
    if (status.status !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`import ${importId} still running`);
}
