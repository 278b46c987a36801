import type { ReactNode } from 'react';
import { useSignedInUser } from '../auth/signed-in-user.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { navigation } from './navigation.ts';

/** A page outside the user's menu does not exist for them (the API refuses its data anyway). */
export function RoleGate({ path, children }: { path: string; children: ReactNode }) {
  const user = useSignedInUser();
  const item = navigation.find((entry) => entry.path === path);
  if (item && !item.roles.includes(user.role)) return <NotFoundPage />;
  return children;
}
