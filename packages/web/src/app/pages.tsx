import type { ReactElement } from 'react';
import { AccountPage } from '../account/AccountPage.tsx';
import { AuditLogPage } from '../audit/AuditLogPage.tsx';
import { UploadsPage } from '../distributor/UploadsPage.tsx';
import { EarningPage } from '../partner/EarningPage.tsx';
import { EarnPage } from '../partner/EarnPage.tsx';
import { GoalPage } from '../partner/GoalPage.tsx';
import { HomePage } from '../partner/HomePage.tsx';
import { ProductsPage } from '../partner/ProductsPage.tsx';
import { StatementPage } from '../partner/StatementPage.tsx';
import { PartnersPage } from '../partners/PartnersPage.tsx';
import { TeamPage } from '../team/TeamPage.tsx';
import { BudgetsPage } from '../vendor/BudgetsPage.tsx';
import { DashboardPage } from '../vendor/DashboardPage.tsx';
import { NewProgramPage } from '../vendor/NewProgramPage.tsx';
import { PayoutsPage } from '../vendor/PayoutsPage.tsx';
import { ProgramPage } from '../vendor/ProgramPage.tsx';
import { ProgramsPage } from '../vendor/ProgramsPage.tsx';
import { RunPage } from '../vendor/RunPage.tsx';
import { RunsPage } from '../vendor/RunsPage.tsx';

/** The pages behind the sign-in; the menu only offers paths listed here. */
export const pages: readonly { path: string; element: ReactElement }[] = [
  { path: '/home', element: <HomePage /> },
  { path: '/earn', element: <EarnPage /> },
  { path: '/products', element: <ProductsPage /> },
  { path: '/statement', element: <StatementPage /> },
  { path: '/statement/:programId/:periodStart', element: <EarningPage /> },
  { path: '/goal', element: <GoalPage /> },
  { path: '/team', element: <TeamPage /> },
  { path: '/uploads', element: <UploadsPage /> },
  { path: '/programs', element: <ProgramsPage /> },
  { path: '/programs/new', element: <NewProgramPage /> },
  { path: '/programs/:programId', element: <ProgramPage /> },
  { path: '/runs', element: <RunsPage /> },
  { path: '/runs/:runId', element: <RunPage /> },
  { path: '/budgets', element: <BudgetsPage /> },
  { path: '/dashboard', element: <DashboardPage /> },
  { path: '/payouts', element: <PayoutsPage /> },
  { path: '/partners', element: <PartnersPage /> },
  { path: '/audit', element: <AuditLogPage /> },
  { path: '/account', element: <AccountPage /> },
];

export const pagesBuilt: ReadonlySet<string> = new Set(pages.map((page) => page.path));
