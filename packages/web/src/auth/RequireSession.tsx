import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { SessionUser } from '../api/types.ts';
import { SignedInUserContext } from './signed-in-user.ts';

/** Sends signed-out visitors to the sign-in page, remembering where they wanted to go. */
export function RequireSession({ user, children }: { user: SessionUser | null; children: ReactNode }) {
  const location = useLocation();
  if (!user) {
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return <SignedInUserContext value={user}>{children}</SignedInUserContext>;
}
