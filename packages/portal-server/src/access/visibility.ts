// What a caller may see and use in one portal (gloo-api.md §5.3, §7 tests 61–62, 64):
// - anonymous callers see public APIs only (a portal is private unless visibility.public);
// - a PortalGroup grants its APIs and usage plans to callers whose token claims match one membership entry
//   (AND over the entry's claims, OR over entries; a claim without value only has to be present);
// - a machine client (client-credentials token, no email) also sees the products named in its `scope`
//   (a scope may be `<product>` or `<prefix>/<product>`, as the IdP-connect Rego rule reads them).
// Usage plans follow the portal: all plans on a public portal, group-granted plans on a private one.
import type { Identity } from '../auth/identity.ts';
import type { PortalApi, PortalConfig, PortalGroupConfig, PortalUsagePlan } from '../config/types.ts';

export interface Access {
  apis: PortalApi[];
  plans: PortalUsagePlan[];
}

export function isMember(group: PortalGroupConfig, claims: Record<string, unknown>): boolean {
  return group.membership.some(
    (entry) =>
      entry.claims.length > 0 &&
      entry.claims.every((c) => {
        const v = claims[c.key];
        if (v === undefined || v === null) return false;
        if (c.value === null) return true;
        return Array.isArray(v) ? v.map(String).includes(c.value) : String(v) === c.value;
      }),
  );
}

export function accessFor(portal: PortalConfig, who: Identity | null): Access {
  const groups = who ? portal.groups.filter((g) => isMember(g, who.claims)) : [];
  const grantedApis = new Set(groups.flatMap((g) => g.apiIds));
  const grantedPlans = new Set(groups.flatMap((g) => g.usagePlans));
  const scoped = (a: PortalApi) =>
    who?.kind === 'machine' && [...who.scopes].some((s) => s === a.apiProductId || s.slice(s.lastIndexOf('/') + 1) === a.apiProductId);
  const apis = portal.apis.filter((a) => !a.isPrivate || grantedApis.has(a.apiId) || scoped(a));
  const plans = portal.usagePlans.filter((p) => portal.public || grantedPlans.has(p.name));
  return { apis, plans };
}
