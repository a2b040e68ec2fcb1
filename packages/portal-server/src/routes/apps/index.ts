// The Gloo Gateway portal model's endpoints (teams, apps, credentials, subscriptions), served only on Portals
// configured with `portalModel: teams-and-apps`.
import type { RouteSpec } from '../../http/route-spec.ts';
import { appRoutes } from './apps.ts';
import { subscriptionRoutes } from './subscriptions.ts';
import { teamRoutes } from './teams.ts';
import { userRoutes } from './users.ts';

export const teamsAppsRoutes: RouteSpec[] = [...userRoutes, ...teamRoutes, ...appRoutes, ...subscriptionRoutes];
export type { TeamsAppsOptions } from './context.ts';
export { APPS_NAMED_SCHEMAS } from './schemas.ts';
