import type { ApiContext, SpurApi } from '../http/app.ts';
import { registerFxRateRoutes } from './fx-rates-routes.ts';
import { registerGeographyRoutes } from './geography-routes.ts';
import { registerGoalRoutes } from './goals-routes.ts';
import { registerPartnerRoutes } from './partners-routes.ts';
import { registerProductRoutes } from './products-routes.ts';
import { registerUserGroupRoutes } from './user-groups-routes.ts';
import { registerUserRoutes } from './users-routes.ts';

/** Master data over HTTP: partners, users, user groups, products, countries and clusters, FX rates, goals. */
export function registerMasterDataRoutes(api: SpurApi, context: ApiContext): void {
  registerPartnerRoutes(api, context);
  registerUserRoutes(api, context);
  registerUserGroupRoutes(api, context);
  registerProductRoutes(api, context);
  registerGeographyRoutes(api, context);
  registerFxRateRoutes(api, context);
  registerGoalRoutes(api, context);
}
