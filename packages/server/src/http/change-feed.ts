import { randomUUID } from 'node:crypto';
import type { Listening, SpurDb } from '../db/connection-types.ts';

/** What a cache holds: signed-in sessions, or the partner pages' figures. */
export type Topic = 'auth' | 'figures';

/**
 * Half to all of `ttl`, at random: entries stored together (many users after a restart or a
 * change) then expire spread out instead of all in the same second, which would send all their
 * database reads at once.
 */
export function jittered(ttl: number): number {
  return Math.round(ttl * (0.5 + Math.random() * 0.5));
}

/** The NOTIFY channel of migration 0011's triggers. */
export const CHANGE_CHANNEL = 'spur_changes';

/**
 * Every this often a process sends itself a notification through the database ("ping"); a
 * process whose ping has not come back within PING_DEADLINE_MS stops caching. So a LISTEN that
 * stopped delivering without the connection failing (a dead peer, a transaction-mode pooler)
 * is noticed within about 2 * PING_EVERY_MS + PING_DEADLINE_MS (the first lost ping may leave a
 * PING_EVERY_MS after the loss, and lateness is checked every PING_EVERY_MS).
 */
export const PING_EVERY_MS = 1000;
export const PING_DEADLINE_MS = 2000;

/**
 * Tells this process's caches when what they hold may have changed, so cached answers are
 * dropped rather than served stale:
 *
 * - a write committed by this process (seen by the connection layer before the writer answers
 *   anyone) drops everything at once;
 * - a write committed by another process arrives as a NOTIFY from migration 0011's triggers,
 *   which PostgreSQL delivers right after that commit;
 * - on a PostgreSQL server, while the LISTEN connection is not (yet, or no longer) in place, or
 *   the process's own pings do not come back through it in time, `live` is false and caches
 *   neither answer nor store; on PGlite one process holds the database, so the first kind of
 *   event is all there is and the feed is always live.
 *
 * A reader takes a `Ticket` before it reads the database and may store what it read only if no
 * change arrived since (`mayStore`): a read that raced a commit is used once, never kept.
 */
export class ChangeFeed {
  #generations: Record<Topic, number> = { auth: 0, figures: 0 };
  /** Per session: the sequence number of its last single invalidation (cleared on every flush). */
  #sessionDrops = new Map<string, number>();
  #sequence = 0;
  #live: boolean;
  #sessionListeners = new Set<(sessionId: string) => void>();
  #flushListeners = new Set<(topic: Topic) => void>();
  #unsubscribe: () => void;
  #listening: Listening | null;
  #connected = false;
  #pingPrefix = `ping:${randomUUID()}:`;
  /** Pings sent and not come back yet: sequence number -> Date.now() when sent. */
  #pingsOut = new Map<number, number>();
  #pingSequence = 0;
  #pingTimer: NodeJS.Timeout | null = null;

  /** With `enabled` false (SPUR_API_CACHE=off) the feed is never live: nothing is cached. */
  constructor(db: SpurDb, enabled = true) {
    if (!enabled) {
      this.#live = false;
      this.#unsubscribe = () => {};
      this.#listening = null;
      return;
    }
    this.#unsubscribe = db.onCommittedWrite(() => this.flushAll());
    this.#listening = db.listen(CHANGE_CHANNEL, {
      notify: (payload) => this.#notified(payload),
      connected: (listening) => {
        // Whatever happened while nobody listened is unknown: drop everything either way, and
        // be live again only once a ping sent from now on has come back.
        this.flushAll();
        this.#live = false;
        this.#connected = listening;
        this.#pingsOut.clear();
        if (listening) this.#ping(db);
      },
    });
    this.#live = this.#listening === null;
    if (this.#listening !== null) {
      this.#pingTimer = setInterval(() => this.#ping(db), PING_EVERY_MS);
      this.#pingTimer.unref();
    }
  }

  #ping(db: SpurDb): void {
    const now = Date.now();
    for (const sentAt of this.#pingsOut.values()) {
      if (now - sentAt > PING_DEADLINE_MS && this.#live) {
        this.#live = false;
        this.flushAll();
      }
    }
    if (!this.#connected) return;
    const sequence = ++this.#pingSequence;
    this.#pingsOut.set(sequence, now);
    // Through the pool, like any writer: it comes back only if notifications reach the listener.
    db.query('select pg_notify($1, $2)', [CHANGE_CHANNEL, `${this.#pingPrefix}${sequence}`]).catch(() => {});
  }

  #pong(sequence: number): void {
    if (!this.#pingsOut.has(sequence)) return;
    // Notifications arrive in commit order: everything sent before this ping has arrived too.
    for (const sent of [...this.#pingsOut.keys()]) if (sent <= sequence) this.#pingsOut.delete(sent);
    if (this.#connected && !this.#live) this.#live = true;
  }

  /** Whether caches may answer from memory now. */
  get live(): boolean {
    return this.#live;
  }

  ticket(): Ticket {
    return { generations: { ...this.#generations }, sequence: this.#sequence };
  }

  /** True when nothing of `topic` (or of this session) changed since `ticket` was taken. */
  mayStore(topic: Topic, ticket: Ticket, sessionId?: string): boolean {
    if (!this.#live || ticket.generations[topic] !== this.#generations[topic]) return false;
    return sessionId === undefined || (this.#sessionDrops.get(sessionId) ?? -1) < ticket.sequence;
  }

  onSessionDropped(listener: (sessionId: string) => void): void {
    this.#sessionListeners.add(listener);
  }

  onFlush(listener: (topic: Topic) => void): void {
    this.#flushListeners.add(listener);
  }

  flushAll(): void {
    this.flush('auth');
    this.flush('figures');
  }

  flush(topic: Topic): void {
    this.#generations[topic]++;
    this.#sequence++;
    if (topic === 'auth') this.#sessionDrops.clear();
    for (const listener of this.#flushListeners) listener(topic);
  }

  /** One session changed (revoked, rotated): drop only its entries. */
  dropSession(sessionId: string): void {
    this.#sequence++;
    // Bounded: past this many single drops since the last flush, flush instead.
    if (this.#sessionDrops.size >= 10_000) {
      this.flush('auth');
      return;
    }
    this.#sessionDrops.set(sessionId, this.#sequence);
    for (const listener of this.#sessionListeners) listener(sessionId);
  }

  #notified(payload: string): void {
    if (payload.startsWith('ping:')) {
      // Another process's pings mean nothing here.
      if (payload.startsWith(this.#pingPrefix)) this.#pong(Number(payload.slice(this.#pingPrefix.length)));
      return;
    }
    if (payload === 'figures') this.flush('figures');
    else if (payload.startsWith('session:')) this.dropSession(payload.slice('session:'.length));
    // 'auth' and anything unknown (a newer process's payload): drop all that is held.
    else if (payload === 'auth') this.flush('auth');
    else this.flushAll();
  }

  async close(): Promise<void> {
    this.#unsubscribe();
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    this.#connected = false;
    this.#live = false;
    await this.#listening?.close();
  }
}

export interface Ticket {
  readonly generations: Readonly<Record<Topic, number>>;
  readonly sequence: number;
}
