import { createContext, useContext } from 'react';
import type { SessionUser } from '../api/types.ts';

/** The user of the pages behind the sign-in; set by RequireSession. */
export const SignedInUserContext = createContext<SessionUser | null>(null);

export function useSignedInUser(): SessionUser {
  const user = useContext(SignedInUserContext);
  if (!user) throw new Error('useSignedInUser is used outside RequireSession');
  return user;
}
