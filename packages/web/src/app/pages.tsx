import type { ReactElement } from 'react';
import { AccountPage } from '../account/AccountPage.tsx';
import { AuditLogPage } from '../audit/AuditLogPage.tsx';
import { PartnersPage } from '../partners/PartnersPage.tsx';
import { TeamPage } from '../team/TeamPage.tsx';

/** The pages behind the sign-in; the menu only offers paths listed here. */
export const pages: readonly { path: string; element: ReactElement }[] = [
  { path: '/team', element: <TeamPage /> },
  { path: '/partners', element: <PartnersPage /> },
  { path: '/audit', element: <AuditLogPage /> },
  { path: '/account', element: <AccountPage /> },
];

export const pagesBuilt: ReadonlySet<string> = new Set(pages.map((page) => page.path));
