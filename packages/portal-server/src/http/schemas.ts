// The JSON schemas of the /v1 API, declared once: fastify validates requests and serializes responses with
// them, and /v1/openapi.json is generated from the same objects (http/openapi.ts).
const str = { type: 'string' } as const;
const strMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

export const ErrorBody = {
  type: 'object',
  required: ['message'],
  properties: { message: str, code: str, field: str },
} as const;

export const User = {
  type: 'object',
  // id…updatedAt: the stored user of a teams-and-apps portal (routes/apps/users.ts).
  properties: { name: str, email: str, username: str, id: str, synced: { type: 'boolean' }, isAdmin: { type: 'boolean' }, createdAt: str, updatedAt: str },
} as const;

export const Session = {
  type: 'object',
  required: ['authenticated'],
  properties: { authenticated: { type: 'boolean' }, user: User },
} as const;

export const ApiVersion = {
  type: 'object',
  required: ['apiId', 'apiVersion'],
  properties: {
    apiId: str,
    apiProductId: str,
    apiProductDisplayName: str,
    apiVersion: str,
    title: str,
    description: str,
    termsOfService: str,
    contact: str,
    license: str,
    lifecycle: str,
    usagePlans: { type: 'array', items: str },
    customMetadata: strMap,
    openapiSpec: { type: 'object', additionalProperties: true },
    openapiSpecFetchErr: str,
  },
} as const;

export const ApiProduct = {
  type: 'object',
  required: ['apiProductId', 'apiProductDisplayName', 'apiVersions'],
  properties: { apiProductId: str, apiProductDisplayName: str, apiVersions: { type: 'array', items: ApiVersion } },
} as const;

export const OpenApiDocument = { type: 'object', additionalProperties: true } as const;

export const ApiProductSummary = {
  type: 'object',
  required: ['id', 'name', 'versionsCount'],
  properties: {
    id: str,
    name: str,
    description: str,
    versionsCount: { type: 'integer' },
    apiProductMetadata: strMap,
    apiKeyEnabled: { type: 'boolean' },
    oauthEnabled: { type: 'boolean' },
    createdAt: str,
    updatedAt: str,
  },
} as const;

export const ApiProductDetail = {
  type: 'object',
  required: ['id', 'name'],
  properties: { id: str, name: str, description: str, contactEmail: str, apiProductMetadata: strMap, autoApproval: { type: 'boolean' }, createdAt: str, updatedAt: str },
} as const;

export const ProductVersion = {
  type: 'object',
  required: ['id', 'apiProductId', 'name'],
  properties: {
    id: str,
    apiProductId: str,
    name: str,
    title: str,
    apiSpec: { type: 'object', additionalProperties: true },
    documentation: str,
    license: str,
    termsOfService: str,
    productVersionMetadata: strMap,
    status: str,
    publicVisible: { type: 'boolean' },
    createdAt: str,
    updatedAt: str,
  },
} as const;

export const UsagePlan = {
  type: 'object',
  required: ['name', 'authPolicies', 'apiIds'],
  properties: {
    name: str,
    displayName: str,
    description: str,
    authPolicies: { type: 'array', items: { type: 'object', required: ['authType'], properties: { authType: str } } },
    rateLimitPolicy: {
      type: 'object',
      required: ['unit', 'requestsPerUnit'],
      properties: { unit: { type: 'string', enum: ['UNKNOWN', 'SECOND', 'MINUTE', 'HOUR', 'DAY'] }, requestsPerUnit: { type: 'integer' } },
    },
    apiIds: { type: 'array', items: str },
  },
} as const;

export const ApiKey = {
  type: 'object',
  required: ['id', 'name'],
  properties: { id: { type: 'string', format: 'uuid' }, name: str, apiKey: str, usagePlan: str, metadata: strMap, createdAt: str },
} as const;

export const ApiKeysByPlan = {
  type: 'object',
  required: ['usagePlan', 'apiKeys'],
  properties: { usagePlan: str, apiKeys: { type: 'array', items: ApiKey } },
} as const;

export const CreateApiKeyRequest = {
  type: 'object',
  required: ['usagePlan', 'apiKeyName'],
  additionalProperties: false,
  properties: {
    usagePlan: { type: 'string', minLength: 1, maxLength: 253 },
    apiKeyName: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

export const Deleted = { type: 'object', required: ['id'], properties: { id: str } } as const;

/** Names used in components.schemas of the generated OpenAPI document. */
export const NAMED_SCHEMAS: Record<string, object> = {
  Error: ErrorBody,
  User,
  Session,
  ApiVersion,
  ApiProduct,
  ApiProductSummary,
  ApiProductDetail,
  ProductVersion,
  UsagePlan,
  ApiKey,
  ApiKeysByPlan,
  CreateApiKeyRequest,
  Deleted,
  OpenApiDocument,
};
