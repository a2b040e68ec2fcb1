// AuthConfig (extauth.solo.io/v1) as Portico derives it from an ExtAuthPolicy's glooAuth: read-only for users,
// named after its policy, status ACCEPTED | REJECTED | PENDING | WARNING with a reason (gloo-api.md §4.1).
import { authConfigSpec, type AuthConfigSpec } from '../auth/spec.ts';
import { authConfigStatus, type AuthConfigStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import type { KindDefinition } from './definition.ts';
import { AUTH_CONFIG_FIELDS } from '../support/fields/policies.ts';

export type AuthConfig = Resource<AuthConfigSpec, AuthConfigStatus>;

export const authConfig: KindDefinition = {
  kind: 'AuthConfig',
  apiVersion: 'extauth.solo.io/v1',
  alsoAccepts: ['enterprise.gloo.solo.io/v1'],
  plural: 'authconfigs',
  shortNames: ['ac'],
  body: 'spec',
  spec: authConfigSpec,
  fields: AUTH_CONFIG_FIELDS,
  status: authConfigStatus,
  readOnly: true,
  wideColumns: [{ header: 'REASON', value: (r) => (r.status as AuthConfigStatus | undefined)?.reason ?? '' }],
};
