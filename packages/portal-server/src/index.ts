export type {
  PortalServerConfig,
  PortalConfig,
  PortalApi,
  PortalUsagePlan,
  PortalGroupConfig,
  PlanUnit,
} from './config/types.ts';
