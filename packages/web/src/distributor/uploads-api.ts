import { ApiError, apiRequest, clientErrorCodes, queryString, readCsrfToken } from '../api/client.ts';
import type { Page } from '../api/types.ts';

/** One sell-out import as `GET /api/v1/sellout/imports/{id}` answers it. */
export interface SellOutImport {
  import_id: string;
  kind: 'file' | 'quarantine_release';
  status: 'running' | 'finished' | 'failed';
  /** While running: waiting for a worker, reading the file, then merging. */
  phase: 'queued' | 'reading' | 'merging' | null;
  fraction: number | null;
  distributor_id: string;
  file_name: string | null;
  profile_name: string | null;
  lines_read: number;
  imported: number | null;
  duplicates: number | null;
  corrections: number | null;
  quarantined: number | null;
  errors: number | null;
  started_at: string;
  finished_at: string | null;
  error: { code: string; message: string } | null;
}

export interface MappingProfile {
  distributor_id: string;
  name: string;
}

export interface QuarantinedLine {
  quarantine_id: string;
  line_id: string;
  invoice_date: string;
  reseller_id: string;
  sku: string;
  quantity: number;
  net_amount: string;
  currency: string;
  reasons: ('unknown_reseller' | 'unknown_sku')[];
  file_line: number | null;
}

export const importPath = (importId: string) => `/api/v1/sellout/imports/${importId}`;

/**
 * Sends the report as multipart/form-data: the one request the JSON client cannot make. It keeps
 * the client's conventions: same-origin cookies, the CSRF header, failures as ApiError by code.
 */
export async function uploadReport(file: File, profile: string | undefined): Promise<{ import_id: string }> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = readCsrfToken(document.cookie);
  if (token) headers['x-csrf-token'] = token;
  let response: Response;
  try {
    response = await fetch(`/api/v1/sellout/imports${queryString({ profile })}`, {
      method: 'POST',
      headers,
      body: form,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, clientErrorCodes.network, 'The Spur server could not be reached');
  }
  const body = (await response.json().catch(() => undefined)) as
    | { import_id: string; error?: { code: string; message: string; details: Record<string, unknown> } }
    | undefined;
  if (!response.ok || body === undefined) {
    if (body?.error) throw new ApiError(response.status, body.error.code, body.error.message, body.error.details);
    throw new ApiError(response.status, clientErrorCodes.badResponse, `upload answered ${response.status}`);
  }
  return body;
}

export const uploadsApi = {
  status: (importId: string, signal?: AbortSignal) =>
    apiRequest<SellOutImport>(`/sellout/imports/${importId}`, { signal }),
  history: (query: { limit?: number; cursor?: string }, signal?: AbortSignal) =>
    apiRequest<Page<SellOutImport>>(`/sellout/imports${queryString(query)}`, { signal }),
  profiles: (signal?: AbortSignal) =>
    apiRequest<Page<MappingProfile>>(`/sellout/profiles${queryString({ limit: 500 })}`, { signal }),
  quarantine: (importId: string, signal?: AbortSignal) =>
    apiRequest<Page<QuarantinedLine>>(`/sellout/quarantine${queryString({ import_id: importId, limit: 500 })}`, {
      signal,
    }),
};
