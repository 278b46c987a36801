import { type ComponentType, type LazyExoticComponent, lazy, type ReactElement } from 'react';

/**
 * Each page is its own chunk, loaded when first opened: a rep on a phone downloads the partner
 * pages, not the program editor and charts of the vendor console (one 1.9 MB bundle before).
 */
function page<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): LazyExoticComponent<ComponentType> {
  return lazy<ComponentType>(() => load().then((module) => ({ default: module[name] })));
}

const AccountPage = page(() => import('../account/AccountPage.tsx'), 'AccountPage');
const AuditLogPage = page(() => import('../audit/AuditLogPage.tsx'), 'AuditLogPage');
const UploadsPage = page(() => import('../distributor/UploadsPage.tsx'), 'UploadsPage');
const EarningPage = page(() => import('../partner/EarningPage.tsx'), 'EarningPage');
const EarnPage = page(() => import('../partner/EarnPage.tsx'), 'EarnPage');
const GoalPage = page(() => import('../partner/GoalPage.tsx'), 'GoalPage');
const HomePage = page(() => import('../partner/HomePage.tsx'), 'HomePage');
const ProductsPage = page(() => import('../partner/ProductsPage.tsx'), 'ProductsPage');
const StatementPage = page(() => import('../partner/StatementPage.tsx'), 'StatementPage');
const PartnersPage = page(() => import('../partners/PartnersPage.tsx'), 'PartnersPage');
const TeamPage = page(() => import('../team/TeamPage.tsx'), 'TeamPage');
const BudgetsPage = page(() => import('../vendor/BudgetsPage.tsx'), 'BudgetsPage');
const DashboardPage = page(() => import('../vendor/DashboardPage.tsx'), 'DashboardPage');
const NewProgramPage = page(() => import('../vendor/NewProgramPage.tsx'), 'NewProgramPage');
const PayoutsPage = page(() => import('../vendor/PayoutsPage.tsx'), 'PayoutsPage');
const ProgramPage = page(() => import('../vendor/ProgramPage.tsx'), 'ProgramPage');
const ProgramsPage = page(() => import('../vendor/ProgramsPage.tsx'), 'ProgramsPage');
const RunPage = page(() => import('../vendor/RunPage.tsx'), 'RunPage');
const RunsPage = page(() => import('../vendor/RunsPage.tsx'), 'RunsPage');

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
