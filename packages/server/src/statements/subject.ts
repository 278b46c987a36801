import type { Principal } from '../auth/principal.ts';
import type { Queryable } from '../db/connection-types.ts';
import { notFound } from '../http/errors.ts';

/** Whose figures a partner-side page shows: a rep itself, or a partner (or one of its reps) for its admins. */
export interface Subject {
  type: 'partner' | 'user';
  id: string;
  /** The partner the subject is or works for. */
  partnerId: string;
}

/**
 * Resolves `participant_id` (default: the caller's own figures: a rep's, or its partner's for an
 * admin) and refuses, as not found, anyone the caller may not see: a rep sees only itself, an
 * admin its partner and that partner's users.
 */
export async function resolveSubject(q: Queryable, principal: Principal, participantId?: string): Promise<Subject> {
  const partnerId = principal.partnerId;
  if (partnerId === null) throw notFound(`participant ${participantId ?? principal.userId}`);
  if (principal.role === 'sales_rep') {
    if (participantId !== undefined && participantId !== principal.userId)
      throw notFound(`participant ${participantId}`);
    return { type: 'user', id: principal.userId, partnerId };
  }
  if (participantId === undefined || participantId === partnerId) return { type: 'partner', id: partnerId, partnerId };
  const { rows } = await q.query<{ user_id: string }>(
    'select user_id from users where user_id = $1 and partner_id = $2',
    [participantId, partnerId],
  );
  if (!rows[0]) throw notFound(`participant ${participantId}`);
  return { type: 'user', id: participantId, partnerId };
}
