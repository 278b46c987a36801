import type {
  ApiErrorBody,
  AuditEntry,
  AuditQuery,
  Invitation,
  InvitationStatus,
  MeResponse,
  NewInvitation,
  Page,
  Partner,
  PartnerQuery,
  PortalUser,
  ProfileChange,
  SessionResponse,
  SessionUser,
  SignInRequest,
  UserQuery,
} from './types.ts';

/** An API failure with the server's error code, which the UI translates (`errors.<code>`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes the client produces itself, when no server answer could be read. */
export const clientErrorCodes = { network: 'network_error', badResponse: 'bad_response' } as const;

const csrfCookie = 'spur_csrf';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads the CSRF token the server put in a readable cookie; writes must echo it in a header. */
export function readCsrfToken(cookieHeader: string): string | undefined {
  for (const part of cookieHeader.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === csrfCookie) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code: unknown }).code === 'string';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** One JSON request to `/api/v1`; every page goes through here so cookies, CSRF and errors behave alike. */
export async function apiRequest<T>(path: string, { method = 'GET', body, signal }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (!safeMethods.has(method)) {
    const token = readCsrfToken(typeof document === 'undefined' ? '' : document.cookie);
    if (token) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, clientErrorCodes.network, 'The Spur server could not be reached');
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(response.status, clientErrorCodes.badResponse, `Answer of ${method} ${path} is not JSON`);
  }
  if (!response.ok) {
    if (isErrorBody(parsed)) {
      throw new ApiError(response.status, parsed.error.code, parsed.error.message, parsed.error.details);
    }
    throw new ApiError(response.status, clientErrorCodes.badResponse, `${method} ${path} answered ${response.status}`);
  }
  return parsed as T;
}

/** A query string from the set filters only (empty or undefined ones are left out). */
export function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The typed Spur API, grouped by resource. */
export const api = {
  auth: {
    signIn: (credentials: SignInRequest) =>
      apiRequest<SessionResponse>('/auth/sign-in', { method: 'POST', body: credentials }),
    signOut: () => apiRequest<unknown>('/auth/sign-out', { method: 'POST' }),
    /** Mails a reset link; the answer is the same whether or not the e-mail has an account. */
    requestPasswordReset: (email: string) =>
      apiRequest<{ status: 'accepted' }>('/auth/password-reset', { method: 'POST', body: { email } }),
    confirmPasswordReset: (token: string, password: string) =>
      apiRequest<{ status: 'password_changed' }>('/auth/password-reset/confirm', {
        method: 'POST',
        body: { token, password },
      }),
  },
  invitations: {
    list: (query: { status?: InvitationStatus; limit?: number; cursor?: string }, signal?: AbortSignal) =>
      apiRequest<Page<Invitation>>(`/invitations${queryString(query)}`, { signal }),
    /** Mails an invitation link; the invited person chooses a password on /accept-invitation. */
    create: (invitation: NewInvitation) =>
      apiRequest<{ invitation: Invitation }>('/invitations', { method: 'POST', body: invitation }),
    withdraw: (invitationId: string) =>
      apiRequest<{ invitation_id: string; status: 'withdrawn' }>(`/invitations/${encodeURIComponent(invitationId)}`, {
        method: 'DELETE',
      }),
    /** Activates an invited account with its first password; signs the new user in. */
    accept: (token: string, password: string, name?: string) =>
      apiRequest<SessionResponse>('/invitations/accept', { method: 'POST', body: { token, password, name } }),
  },
  partners: {
    list: (query: PartnerQuery, signal?: AbortSignal) =>
      apiRequest<Page<Partner>>(`/partners${queryString(query)}`, { signal }),
  },
  users: {
    list: (query: UserQuery, signal?: AbortSignal) =>
      apiRequest<Page<PortalUser>>(`/users${queryString(query)}`, { signal }),
  },
  auditLog: {
    list: (query: AuditQuery, signal?: AbortSignal) =>
      apiRequest<Page<AuditEntry>>(`/audit-log${queryString(query)}`, { signal }),
  },
  /** Changes the signed-in user's own profile (name, language of the portal and of mails). */
  updateMe: (change: ProfileChange) => apiRequest<SessionResponse>('/me', { method: 'PATCH', body: change }),
  /** The current user, or null when signed out (401). */
  async me(signal?: AbortSignal): Promise<SessionUser | null> {
    try {
      return (await apiRequest<MeResponse>('/me', { signal })).user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
};
