// OpenAPI 3 description of the tracks API (served at /openapi.json; also used as ApiDoc content).

const track = {
  type: 'object',
  required: ['id', 'topic', 'authorId', 'title'],
  properties: {
    id: { type: 'string', example: 'c_0' },
    thumbnail: { type: 'string' },
    topic: { type: 'string', example: 'Cat-stronomy' },
    authorId: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    numberOfViews: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    length: { type: 'integer', description: 'Length in seconds' },
    modulesCount: { type: 'integer' },
  },
};

export const TRACKS_OPENAPI = {
  openapi: '3.0.3',
  info: { title: 'Catstronauts tracks', version: '1.0.0', description: 'Learning tracks for space-faring cats.' },
  paths: {
    '/tracks': {
      get: {
        operationId: 'listTracks',
        summary: 'List all tracks',
        responses: {
          '200': {
            description: 'Tracks, oldest first',
            content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Track' } } } },
          },
        },
      },
    },
    '/tracks/{id}': {
      get: {
        operationId: 'getTrack',
        summary: 'Get one track',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The track', content: { 'application/json': { schema: { $ref: '#/components/schemas/Track' } } } },
          '404': { description: 'No such track' },
        },
      },
    },
    '/authors/{id}': {
      get: {
        operationId: 'getAuthor',
        summary: 'Get a track author',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The author', content: { 'application/json': { schema: { $ref: '#/components/schemas/Author' } } } },
          '404': { description: 'No such author' },
        },
      },
    },
  },
  components: {
    schemas: {
      Track: track,
      Author: {
        type: 'object',
        properties: { id: { type: 'string' }, name: { type: 'string' }, photo: { type: 'string' } },
      },
    },
  },
} as const;

export const TRACKS_OPENAPI_JSON: string = JSON.stringify(TRACKS_OPENAPI, null, 2);
