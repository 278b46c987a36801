import type { ApiContext, SpurApi } from '../http/app.ts';
import { registerConsoleBudgetRoutes } from './budgets-routes.ts';
import { registerConsoleDashboardRoutes } from './dashboard-routes.ts';
import { registerConsoleProgramRoutes } from './programs-routes.ts';
import { registerConsoleRunRoutes } from './runs-routes.ts';

/** The vendor console's API under /api/v1/console. */
export function registerConsoleRoutes(api: SpurApi, context: ApiContext): void {
  registerConsoleProgramRoutes(api, context);
  registerConsoleRunRoutes(api, context);
  registerConsoleBudgetRoutes(api, context);
  registerConsoleDashboardRoutes(api, context);
}
