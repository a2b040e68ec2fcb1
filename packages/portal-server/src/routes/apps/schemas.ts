// JSON schemas of the teams-and-apps endpoints (portal-teams-apps.md §1–§2). Request bodies are loose objects
// (Solo's frontend sends extra fields, e.g. `teamId` next to `email`); @portico/portal-apps validates the
// fields it reads and names the one that is wrong.
const str = { type: 'string' } as const;
const strMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const stamps = { createdAt: str, updatedAt: str } as const;

export const RateLimitBody = {
  type: 'object',
  required: ['requestsPerUnit', 'unit'],
  properties: { requestsPerUnit: str, unit: str },
} as const;

export const AppsMetadata = {
  type: 'object',
  required: ['id', 'customMetadata'],
  properties: { id: str, customMetadata: strMap, rateLimit: RateLimitBody, ...stamps },
} as const;

export const Team = { type: 'object', required: ['id', 'name'], properties: { id: str, name: str, description: str, ...stamps } } as const;

export const Member = {
  type: 'object',
  required: ['id', 'email'],
  properties: { id: str, email: str, name: str, username: str, synced: { type: 'boolean' }, isAdmin: { type: 'boolean' }, ...stamps },
} as const;

export const App = {
  type: 'object',
  required: ['id', 'name', 'teamId'],
  properties: { id: str, name: str, description: str, teamId: str, metadata: AppsMetadata, ...stamps },
} as const;

export const AppApiKey = {
  type: 'object',
  required: ['id', 'name'],
  properties: { id: str, name: str, apiKey: str, metadata: strMap, ...stamps },
} as const;

export const OauthCredential = {
  type: 'object',
  required: ['id', 'idpClientId'],
  properties: { id: str, idpClientId: str, idpClientName: str, idpClientSecret: str, ...stamps },
} as const;

export const Subscription = {
  type: 'object',
  required: ['id', 'applicationId', 'apiProductId'],
  properties: {
    id: str,
    applicationId: str,
    apiProductId: str,
    requestedAt: str,
    approved: { type: 'boolean' },
    approvedAt: str,
    rejected: { type: 'boolean' },
    rejectedAt: str,
    metadata: AppsMetadata,
    ...stamps,
  },
} as const;

/** A body that may be absent (clients send `content-type: application/json` with no body). */
export const LooseBody = { type: ['object', 'null'], additionalProperties: true } as const;

export const NamedBody = { type: ['object', 'null'], properties: { name: str, description: str }, additionalProperties: true } as const;

export const idParam = (name: string) => ({ type: 'object', required: [name], properties: { [name]: { type: 'string', minLength: 1, maxLength: 200 } } }) as const;

export const APPS_NAMED_SCHEMAS: Record<string, object> = {
  Team,
  Member,
  App,
  AppApiKey,
  OauthCredential,
  Subscription,
  AppsMetadata,
};
