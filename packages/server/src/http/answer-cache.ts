import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { type ChangeFeed, jittered, type Topic } from './change-feed.ts';

/** The longest an answer is reused (a bound for a change notification that got lost unnoticed). */
export const ANSWER_CACHE_TTL_MS = 30_000;
/** At most this many answers, and this many bytes of them, are held (the oldest go first). */
export const ANSWER_CACHE_MAX = 20_000;
export const ANSWER_CACHE_MAX_BYTES = 64 * 1024 * 1024;

interface Entry {
  body: string;
  until: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Serialized answers of read-only routes whose content changes only when their topic's tables
 * change (the partner dashboard and statement: runs, ledger postings, payouts, program names).
 * The key must name everything the answer depends on (the route, whose figures, every query
 * parameter); access checks and the choice of whose figures happen before, on every request.
 * An answer is stored only if no change of its topic arrived while it was being read, and is
 * dropped by the next change, so a cached answer is the answer the database would give.
 */
export class AnswerCache {
  #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly topic: Topic,
  ) {
    feed.onFlush((flushed) => {
      if (flushed === topic) this.clear();
    });
  }

  /**
   * Sends the cached answer of `key`, or produces it, encodes it with the route's response
   * schema (as the route's serializer would) and keeps it.
   */
  async send<S extends z.ZodType>(
    reply: FastifyReply,
    key: string,
    schema: S,
    produce: () => Promise<z.output<S>>,
  ): Promise<FastifyReply> {
    const now = Date.now();
    if (this.feed.live) {
      const entry = this.#entries.get(key);
      if (entry !== undefined && entry.until > now) return reply.type(JSON_TYPE).send(entry.body);
    }
    const ticket = this.feed.ticket();
    const body = JSON.stringify(z.encode(schema, await produce()));
    if (this.feed.mayStore(this.topic, ticket)) this.#store(key, { body, until: now + jittered(ANSWER_CACHE_TTL_MS) });
    return reply.type(JSON_TYPE).send(body);
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #store(key: string, entry: Entry): void {
    this.#remove(key);
    while (
      this.#entries.size > 0 &&
      (this.#entries.size >= ANSWER_CACHE_MAX || this.#bytes + entry.body.length > ANSWER_CACHE_MAX_BYTES)
    ) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#remove(oldest);
    }
    this.#entries.set(key, entry);
    this.#bytes += entry.body.length;
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= entry.body.length;
  }
}
