// Abuse limits of the portal API (issue 11 item 8), with the defaults a public portal ships with.
export interface PortalLimits {
  /** API keys one user may hold in one usage plan; creating one more is 409 PORTAL_QUOTA_EXCEEDED. */
  maxKeysPerUserAndPlan: number;
}

export const DEFAULT_PORTAL_LIMITS: PortalLimits = { maxKeysPerUserAndPlan: 10 };
