import type { IncomingMessage, ServerResponse } from 'node:http';
import { notFound, readJson, sendJson, sendText, splitUrl } from '../http.ts';
import { initialOrders, initialPets, initialUsers, type Order, type Pet, type User } from './data.ts';
import { PETSTORE_OPENAPI_JSON } from './openapi.ts';

// The petstore: /pet, /user, /store (a small subset of the Swagger petstore), state in memory per server.

export function createPetstoreHandler(): (req: IncomingMessage, res: ServerResponse) => void {
  const state = { pets: initialPets(), users: initialUsers(), orders: initialOrders() };
  return (req, res) => {
    route(state, req, res).catch((err: unknown) =>
      sendJson(res, 500, { code: 500, type: 'error', message: (err as Error).message }),
    );
  };
}

interface State {
  pets: Pet[];
  users: User[];
  orders: Order[];
}

async function route(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { parts, query } = splitUrl(req.url ?? '/');
  const method = req.method ?? 'GET';
  const [a, b, c] = parts;
  if (c !== undefined) return notFound(res, 'resource');
  if (a === 'openapi.json' && method === 'GET') return sendText(res, 200, 'application/json', PETSTORE_OPENAPI_JSON);
  if (a === 'pet') return pets(state, method, b, query, req, res);
  if (a === 'user') return users(state, method, b, req, res);
  if (a === 'store') return store(state, method, b, req, res);
  notFound(res, 'resource');
}

async function pets(state: State, method: string, id: string | undefined, query: URLSearchParams, req: IncomingMessage, res: ServerResponse) {
  if (id === 'findByStatus' && method === 'GET') {
    const status = query.get('status') ?? 'available';
    return sendJson(res, 200, state.pets.filter((p) => p.status === status));
  }
  if (id === undefined && method === 'POST') {
    const body = await readJson(req);
    if (!isObject(body) || typeof body.name !== 'string') return invalid(res, 'pet.name (string) is required');
    const pet: Pet = {
      id: Math.max(0, ...state.pets.map((p) => p.id)) + 1,
      category: { id: 0, name: '' },
      photoUrls: [],
      tags: [],
      status: 'available',
      ...(body as Partial<Pet>),
      name: body.name,
    } as Pet;
    state.pets.push(pet);
    return sendJson(res, 200, pet);
  }
  if (id !== undefined && (method === 'GET' || method === 'DELETE')) {
    const n = Number(id);
    if (!Number.isInteger(n)) return invalid(res, `pet id "${id}" is not an integer`);
    const pet = state.pets.find((p) => p.id === n);
    if (pet === undefined) return notFound(res, `pet ${n}`);
    if (method === 'DELETE') state.pets = state.pets.filter((p) => p !== pet);
    return sendJson(res, 200, pet);
  }
  methodNotAllowed(res, method);
}

async function users(state: State, method: string, name: string | undefined, req: IncomingMessage, res: ServerResponse) {
  if (name === undefined && method === 'POST') {
    const body = await readJson(req);
    if (!isObject(body) || typeof body.username !== 'string') return invalid(res, 'user.username (string) is required');
    const user = { id: state.users.length + 1, ...(body as Partial<User>), username: body.username } as User;
    state.users.push(user);
    return sendJson(res, 200, user);
  }
  if (name !== undefined && method === 'GET') {
    const user = state.users.find((u) => u.username === name);
    return user === undefined ? notFound(res, `user ${name}`) : sendJson(res, 200, user);
  }
  methodNotAllowed(res, method);
}

async function store(state: State, method: string, what: string | undefined, req: IncomingMessage, res: ServerResponse) {
  if (what === 'inventory' && method === 'GET') {
    const counts: Record<string, number> = {};
    for (const p of state.pets) counts[p.status] = (counts[p.status] ?? 0) + 1;
    return sendJson(res, 200, counts);
  }
  if (what === 'order' && method === 'POST') {
    const body = await readJson(req);
    if (!isObject(body) || typeof body.petId !== 'number') return invalid(res, 'order.petId (integer) is required');
    const order: Order = {
      id: state.orders.length + 1,
      petId: body.petId,
      quantity: typeof body.quantity === 'number' ? body.quantity : 1,
      shipDate: new Date().toISOString(),
      status: 'placed',
      complete: false,
    };
    state.orders.push(order);
    return sendJson(res, 200, order);
  }
  if (what === 'order' || what === undefined) return methodNotAllowed(res, method);
  return notFound(res, `store resource ${what}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !(v instanceof Error) && !Array.isArray(v);
}

function invalid(res: ServerResponse, message: string): void {
  sendJson(res, 400, { code: 400, type: 'error', message });
}

function methodNotAllowed(res: ServerResponse, method: string): void {
  sendJson(res, 405, { code: 405, type: 'error', message: `method ${method} not allowed here` });
}
