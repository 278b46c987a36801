import type { Side } from '../../src/ledger/accounts.ts';

/** A tiny in-memory model of the ledger and one budget, to compare the database against. */
export type ModelUnit = 'EUR' | 'points';

export type LedgerCommand =
  | { type: 'earn'; key: number; who: number; unit: ModelUnit; amount: bigint }
  | { type: 'hold'; key: number; who: number; unit: ModelUnit; amount: bigint; requireFunds: boolean }
  | { type: 'complete'; key: number; target: number; action: 'post' | 'void'; existing?: boolean }
  | { type: 'reverse'; key: number; target: number; existing?: boolean }
  | { type: 'budget'; key: number; committed: bigint; booked: bigint }
  | { type: 'batch'; earnings: { key: number; who: number; unit: ModelUnit; amount: bigint }[] }
  | { type: 'retry'; index: number };

/** 'posted' for a new write, 'replayed' for a retried key, otherwise the error code. */
export type Outcome = string;

export interface Sums {
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
  creditsPending: bigint;
}

interface ModelEntry {
  account: string;
  side: Side;
  amount: bigint;
  status: 'pending' | 'posted';
}

interface ModelTransaction {
  kind: 'posted' | 'pending' | 'post_pending' | 'void_pending';
  signature: string;
  entries: ModelEntry[];
  completed: boolean;
}

export class LedgerModel {
  readonly accounts = new Map<string, Sums>();
  readonly transactions = new Map<string, ModelTransaction>();
  readonly budgetMoves = new Map<string, string>();
  readonly alerts = new Set<string>();
  readonly reversed = new Set<string>();
  committed = 0n;
  booked = 0n;

  constructor(
    readonly ns: string,
    readonly budgetAmount: bigint,
  ) {}

  ledgerKey(index: number): string {
    return `${this.ns}t${index}`;
  }
  budgetKey(index: number): string {
    return `${this.ns}b${index}`;
  }
  participant(who: number): { type: 'partner' | 'user'; id: string } {
    return who === 0 ? { type: 'partner', id: `${this.ns}A` } : { type: 'user', id: `${this.ns}B` };
  }
  participantCode(who: number, unit: ModelUnit): string {
    const p = this.participant(who);
    return `participant:${p.type}:${p.id}:${unit}`;
  }
  expenseCode(unit: ModelUnit): string {
    return `program:${this.ns}prg:expense:${unit}`;
  }
  redemptionCode(unit: ModelUnit): string {
    return `program:${this.ns}prg:redemption:${unit}`;
  }

  private move(entry: ModelEntry, sign: bigint): void {
    const sums = this.accounts.get(entry.account) ?? {
      debitsPosted: 0n,
      creditsPosted: 0n,
      debitsPending: 0n,
      creditsPending: 0n,
    };
    const amount = entry.amount * sign;
    if (entry.status === 'posted' && entry.side === 'debit') sums.debitsPosted += amount;
    if (entry.status === 'posted' && entry.side === 'credit') sums.creditsPosted += amount;
    if (entry.status === 'pending' && entry.side === 'debit') sums.debitsPending += amount;
    if (entry.status === 'pending' && entry.side === 'credit') sums.creditsPending += amount;
    this.accounts.set(entry.account, sums);
  }

  private keyCheck(key: string, signature: string): Outcome | undefined {
    const stored = this.transactions.get(key);
    if (!stored) return undefined;
    return stored.signature === signature ? 'replayed' : 'idempotency_conflict';
  }

  private record(key: string, transaction: ModelTransaction): Outcome {
    this.transactions.set(key, transaction);
    for (const entry of transaction.entries) this.move(entry, 1n);
    return 'posted';
  }

  /**
   * A command with `existing` aims at a stored transaction of the kind it can complete or reverse
   * (random targets rarely hit one); this fixes the target before model and database see it.
   */
  resolve(command: Exclude<LedgerCommand, { type: 'retry' }>): Exclude<LedgerCommand, { type: 'retry' }> {
    if ((command.type !== 'complete' && command.type !== 'reverse') || !command.existing) return command;
    const wanted = command.type === 'complete' ? ['pending'] : ['posted', 'post_pending'];
    const candidates = [...this.transactions]
      .filter(([, t]) => wanted.includes(t.kind) && !t.completed)
      .map(([key]) => Number(key.slice(this.ns.length + 1)));
    if (candidates.length === 0) return { ...command, existing: false };
    return { ...command, target: candidates[command.target % candidates.length]!, existing: false };
  }

  /** Applies a command to the model and returns the outcome the database must produce. */
  apply(command: Exclude<LedgerCommand, { type: 'retry' }>): Outcome {
    switch (command.type) {
      case 'earn': {
        const key = this.ledgerKey(command.key);
        const signature = `earn:${command.who}:${command.unit}:${command.amount}`;
        return (
          this.keyCheck(key, signature) ??
          this.record(key, {
            kind: 'posted',
            signature,
            completed: false,
            entries: [
              { account: this.expenseCode(command.unit), side: 'debit', amount: command.amount, status: 'posted' },
              {
                account: this.participantCode(command.who, command.unit),
                side: 'credit',
                amount: command.amount,
                status: 'posted',
              },
            ],
          })
        );
      }
      case 'batch': {
        // All or nothing: any key that conflicts refuses the whole batch before anything is written.
        const seen = new Map<string, string>();
        for (const earning of command.earnings) {
          const key = this.ledgerKey(earning.key);
          const signature = `earn:${earning.who}:${earning.unit}:${earning.amount}`;
          const earlier = seen.get(key) ?? this.transactions.get(key)?.signature;
          if (earlier !== undefined && earlier !== signature) return 'idempotency_conflict';
          seen.set(key, signature);
        }
        return command.earnings.map((earning) => this.apply({ type: 'earn', ...earning })).join(',');
      }
      case 'hold': {
        const key = this.ledgerKey(command.key);
        const signature = `hold:${command.who}:${command.unit}:${command.amount}:${command.requireFunds}`;
        const known = this.keyCheck(key, signature);
        if (known) return known;
        const payer = this.participantCode(command.who, command.unit);
        const sums = this.accounts.get(payer);
        const available = sums ? sums.creditsPosted - sums.debitsPosted - sums.debitsPending : 0n;
        if (command.requireFunds && available < command.amount) return 'insufficient_funds';
        return this.record(key, {
          kind: 'pending',
          signature,
          completed: false,
          entries: [
            { account: payer, side: 'debit', amount: command.amount, status: 'pending' },
            { account: this.redemptionCode(command.unit), side: 'credit', amount: command.amount, status: 'pending' },
          ],
        });
      }
      case 'complete': {
        const key = this.ledgerKey(command.key);
        const targetKey = this.ledgerKey(command.target);
        const known = this.keyCheck(key, `${command.action}:${targetKey}`);
        if (known) return known;
        const target = this.transactions.get(targetKey);
        if (!target) return 'transaction_missing';
        if (target.kind !== 'pending') return 'not_pending';
        if (target.completed) return 'pending_already_completed';
        target.completed = true;
        for (const entry of target.entries) this.move(entry, -1n);
        return this.record(key, {
          kind: command.action === 'post' ? 'post_pending' : 'void_pending',
          signature: `${command.action}:${targetKey}`,
          completed: false,
          entries: command.action === 'post' ? target.entries.map((e) => ({ ...e, status: 'posted' as const })) : [],
        });
      }
      case 'reverse': {
        const key = this.ledgerKey(command.key);
        const targetKey = this.ledgerKey(command.target);
        const target = this.transactions.get(targetKey);
        if (!target) return 'transaction_missing';
        if (target.kind !== 'posted' && target.kind !== 'post_pending') return 'cannot_correct';
        const signature = `reverse:${targetKey}`;
        const known = this.keyCheck(key, signature);
        if (known) return known;
        if (this.reversed.has(targetKey)) return 'already_reversed';
        this.reversed.add(targetKey);
        return this.record(key, {
          kind: 'posted',
          signature,
          completed: false,
          entries: target.entries.map((e) => ({ ...e, side: e.side === 'debit' ? 'credit' : 'debit' })),
        });
      }
      case 'budget': {
        const key = this.budgetKey(command.key);
        const signature = `${command.committed}:${command.booked}`;
        const stored = this.budgetMoves.get(key);
        if (stored !== undefined) return stored === signature ? 'replayed' : 'idempotency_conflict';
        const committed = this.committed + command.committed;
        const booked = this.booked + command.booked;
        if (committed < 0n || booked < 0n) return 'budget_negative';
        if (committed + booked > this.budgetAmount) return 'budget_exceeded';
        this.committed = committed;
        this.booked = booked;
        this.budgetMoves.set(key, signature);
        for (const threshold of [80n, 100n]) {
          if (this.budgetAmount > 0n && (committed + booked) * 100n >= this.budgetAmount * threshold) {
            this.alerts.add(`budget_${threshold}`);
          }
        }
        return 'posted';
      }
    }
  }
}
