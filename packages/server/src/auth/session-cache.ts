import type { Queryable } from '../db/connection-types.ts';
import { type ChangeFeed, jittered } from '../http/change-feed.ts';
import { hashSecret } from './secrets.ts';
import { type ActiveSession, resolveSession } from './sessions.ts';

/**
 * The longest a resolved session is reused from memory. Sign-out, revocation, role changes and
 * disabling drop it sooner (see ChangeFeed); this bounds how long a cached session could outlive
 * a change whose notification was lost without the LISTEN connection noticing.
 */
export const SESSION_CACHE_TTL_MS = 10_000;
/** At most this many sessions are held (the oldest go first). */
export const SESSION_CACHE_MAX = 50_000;

interface Entry {
  session: ActiveSession;
  /** Date.now() after which the entry is not used. */
  until: number;
}

/**
 * Resolved sessions by token hash, so a signed-in page load needs no database round trip for
 * its session. Only answers for the current token are kept (not the previous one in its grace
 * minute), never past the session's expiry or its next rotation, and never while the change
 * feed is not live. A cache hit does not touch `last_seen_at`: the entry lives shorter than the
 * touch interval, so the next miss touches when due.
 */
export class SessionCache {
  #entries = new Map<string, Entry>();
  #bySession = new Map<string, Set<string>>();

  constructor(
    private readonly db: Queryable,
    private readonly feed: ChangeFeed,
  ) {
    feed.onFlush((topic) => {
      if (topic === 'auth') this.clear();
    });
    feed.onSessionDropped((sessionId) => this.#drop(sessionId));
  }

  async resolve(token: string): Promise<ActiveSession | null> {
    const tokenHash = hashSecret(token);
    const now = Date.now();
    if (this.feed.live) {
      const entry = this.#entries.get(tokenHash);
      if (entry !== undefined && entry.until > now) return entry.session;
    }
    const ticket = this.feed.ticket();
    const session = await resolveSession(this.db, token, tokenHash);
    if (session === null) return null;
    if (session.rotatedToken !== null) {
      // The token it was found by is now the previous one: nothing of this session may stay.
      this.feed.dropSession(session.sessionId);
      return session;
    }
    if (session.unchangedForMs > 0 && this.feed.mayStore('auth', ticket, session.sessionId)) {
      this.#store(tokenHash, {
        session,
        until: now + Math.min(jittered(SESSION_CACHE_TTL_MS), session.unchangedForMs),
      });
    }
    return session;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
    this.#bySession.clear();
  }

  #store(tokenHash: string, entry: Entry): void {
    if (this.#entries.size >= SESSION_CACHE_MAX) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#forget(oldest);
    }
    this.#entries.delete(tokenHash);
    this.#entries.set(tokenHash, entry);
    const hashes = this.#bySession.get(entry.session.sessionId) ?? new Set<string>();
    hashes.add(tokenHash);
    this.#bySession.set(entry.session.sessionId, hashes);
  }

  #forget(tokenHash: string): void {
    const entry = this.#entries.get(tokenHash);
    this.#entries.delete(tokenHash);
    if (entry === undefined) return;
    const hashes = this.#bySession.get(entry.session.sessionId);
    hashes?.delete(tokenHash);
    if (hashes?.size === 0) this.#bySession.delete(entry.session.sessionId);
  }

  #drop(sessionId: string): void {
    for (const tokenHash of this.#bySession.get(sessionId) ?? []) this.#entries.delete(tokenHash);
    this.#bySession.delete(sessionId);
  }
}
