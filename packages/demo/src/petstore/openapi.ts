// OpenAPI 3 description of the demo petstore (served at /openapi.json; also used as ApiDoc content).

const idParam = (name: string, type: 'integer' | 'string') => ({ name, in: 'path', required: true, schema: { type } });
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const err = { description: 'Error', content: json('Error') };

export const PETSTORE_OPENAPI = {
  openapi: '3.0.3',
  info: { title: 'Petstore', version: '1.0.0', description: 'Pets, users and the store: a small Swagger-petstore subset.' },
  tags: [{ name: 'pet' }, { name: 'user' }, { name: 'store' }],
  paths: {
    '/pet': {
      post: { tags: ['pet'], operationId: 'addPet', requestBody: { required: true, content: json('Pet') }, responses: { '200': { description: 'Created', content: json('Pet') }, '400': err } },
    },
    '/pet/findByStatus': {
      get: {
        tags: ['pet'],
        operationId: 'findPetsByStatus',
        parameters: [{ name: 'status', in: 'query', schema: { type: 'string', enum: ['available', 'pending', 'sold'] } }],
        responses: { '200': { description: 'Pets', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Pet' } } } } } },
      },
    },
    '/pet/{petId}': {
      get: { tags: ['pet'], operationId: 'getPetById', parameters: [idParam('petId', 'integer')], responses: { '200': { description: 'The pet', content: json('Pet') }, '404': err } },
      delete: { tags: ['pet'], operationId: 'deletePet', parameters: [idParam('petId', 'integer')], responses: { '200': { description: 'Deleted', content: json('Pet') }, '404': err } },
    },
    '/user': {
      post: { tags: ['user'], operationId: 'createUser', requestBody: { required: true, content: json('User') }, responses: { '200': { description: 'Created', content: json('User') }, '400': err } },
    },
    '/user/{username}': {
      get: { tags: ['user'], operationId: 'getUserByName', parameters: [idParam('username', 'string')], responses: { '200': { description: 'The user', content: json('User') }, '404': err } },
    },
    '/store/inventory': {
      get: { tags: ['store'], operationId: 'getInventory', responses: { '200': { description: 'Counts by status', content: { 'application/json': { schema: { type: 'object', additionalProperties: { type: 'integer' } } } } } } },
    },
    '/store/order': {
      post: { tags: ['store'], operationId: 'placeOrder', requestBody: { required: true, content: json('Order') }, responses: { '200': { description: 'Placed', content: json('Order') }, '400': err } },
    },
  },
  components: {
    schemas: {
      Pet: {
        type: 'object',
        required: ['name', 'photoUrls'],
        properties: {
          id: { type: 'integer', example: 1 },
          category: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
          name: { type: 'string', example: 'Barky' },
          photoUrls: { type: 'array', items: { type: 'string' } },
          tags: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } },
          status: { type: 'string', enum: ['available', 'pending', 'sold'] },
        },
      },
      User: {
        type: 'object',
        required: ['username'],
        properties: {
          id: { type: 'integer' },
          username: { type: 'string' },
          firstName: { type: 'string' },
          lastName: { type: 'string' },
          email: { type: 'string' },
          phone: { type: 'string' },
          userStatus: { type: 'integer' },
        },
      },
      Order: {
        type: 'object',
        required: ['petId'],
        properties: {
          id: { type: 'integer' },
          petId: { type: 'integer' },
          quantity: { type: 'integer' },
          shipDate: { type: 'string', format: 'date-time' },
          status: { type: 'string', enum: ['placed', 'approved', 'delivered'] },
          complete: { type: 'boolean' },
        },
      },
      Error: { type: 'object', properties: { code: { type: 'integer' }, type: { type: 'string' }, message: { type: 'string' } } },
    },
  },
} as const;

export const PETSTORE_OPENAPI_JSON: string = JSON.stringify(PETSTORE_OPENAPI, null, 2);
