import { LedgerError } from './errors.ts';
import { ledgerUnit } from './units.ts';

export type ParticipantType = 'partner' | 'user';
export type PayoutStage = 'pending' | 'approved' | 'paid';
export type Side = 'debit' | 'credit';

/** Whoever earns in a program: a partner or a user (rep). */
export interface Participant {
  type: ParticipantType;
  id: string;
}

/** What an account code says about the account. */
export interface AccountDescriptor {
  code: string;
  kind: 'participant' | 'program' | 'payout';
  unit: string;
  normalSide: Side;
  participant: Participant | null;
  programId: string | null;
}

// Ids become segments of a colon-separated code, so they may not contain colons or spaces.
const ID = /^[^:\s]+$/;
const PROGRAM_PURPOSE = /^[a-z][a-z_]*$/;

function checkId(value: string, what: string, code: string): void {
  if (!ID.test(value)) {
    throw new LedgerError(
      'invalid_account',
      `${what} "${value}" in account "${code}" must be non-empty without ":" or spaces`,
      {
        account: code,
      },
    );
  }
}

/** What a participant is owed in `unit`: credited by earnings, debited by payouts and redemptions. */
export function participantAccount(participant: Participant, unit: string): string {
  return `participant:${participant.type}:${participant.id}:${unit}`;
}

/** What a program has cost in `unit` (`purpose` names the use, e.g. `expense`). */
export function programAccount(programId: string, unit: string, purpose = 'expense'): string {
  return `program:${programId}:${purpose}:${unit}`;
}

/** Cash on its way to a participant, at one stage of the payout workflow. */
export function payoutAccount(stage: PayoutStage, participant: Participant, unit: string): string {
  return `payout:${stage}:${participant.type}:${participant.id}:${unit}`;
}

/** Reads an account code; every account the ledger creates on first use is described by its code. */
export function describeAccount(code: string): AccountDescriptor {
  const parts = code.split(':');
  const unit = parts.at(-1) ?? '';
  const invalid = () =>
    new LedgerError(
      'invalid_account',
      `account "${code}" is not participant:<partner|user>:<id>:<unit>, program:<id>:<purpose>:<unit> or payout:<pending|approved|paid>:<partner|user>:<id>:<unit>`,
      { account: code },
    );
  if (parts[0] === 'participant' && parts.length === 4 && (parts[1] === 'partner' || parts[1] === 'user')) {
    checkId(parts[2]!, 'participant id', code);
    ledgerUnit(unit);
    return {
      code,
      kind: 'participant',
      unit,
      normalSide: 'credit',
      participant: { type: parts[1], id: parts[2]! },
      programId: null,
    };
  }
  if (parts[0] === 'program' && parts.length === 4 && PROGRAM_PURPOSE.test(parts[2]!)) {
    checkId(parts[1]!, 'program id', code);
    ledgerUnit(unit);
    return { code, kind: 'program', unit, normalSide: 'debit', participant: null, programId: parts[1]! };
  }
  if (
    parts[0] === 'payout' &&
    parts.length === 5 &&
    (parts[1] === 'pending' || parts[1] === 'approved' || parts[1] === 'paid') &&
    (parts[2] === 'partner' || parts[2] === 'user')
  ) {
    checkId(parts[3]!, 'participant id', code);
    ledgerUnit(unit);
    return {
      code,
      kind: 'payout',
      unit,
      normalSide: 'credit',
      participant: { type: parts[2], id: parts[3]! },
      programId: null,
    };
  }
  throw invalid();
}
