// Teams and their members (portal-teams-apps.md §2): members act on their teams, admins on every team.
import type { RouteSpec } from '../../http/route-spec.ts';
import { ErrorBody } from '../../http/schemas.ts';
import { base, body, caller, errors, noContent, param, teamsApps, unwrap } from './context.ts';
import { idParam, LooseBody, Member, NamedBody, Team } from './schemas.ts';

const teamId = idParam('id');

export const teamRoutes: RouteSpec[] = [
  {
    ...base,
    method: 'GET',
    url: '/v1/teams',
    operationId: 'listTeams',
    summary: "The caller's teams (admins: every team)",
    schema: { response: { 200: { type: 'array', items: Team }, ...errors } },
    handler: async (ctx) => ({ body: unwrap(await teamsApps(ctx).store.listTeams(await caller(ctx))) }),
  },
  {
    ...base,
    method: 'POST',
    url: '/v1/teams',
    operationId: 'createTeam',
    summary: 'Creates a team with the caller as its first member (not for admins)',
    schema: { body: NamedBody, response: { 201: Team, 409: ErrorBody, ...errors } },
    handler: async (ctx) => ({ status: 201, body: unwrap(await teamsApps(ctx).store.createTeam(await caller(ctx), body(ctx))) }),
  },
  {
    ...base,
    method: 'GET',
    url: '/v1/teams/:id',
    operationId: 'getTeam',
    summary: 'One team',
    schema: { params: teamId, response: { 200: Team, ...errors } },
    handler: async (ctx) => ({ body: unwrap(await teamsApps(ctx).store.getTeam(await caller(ctx), param(ctx, 'id'))) }),
  },
  {
    ...base,
    method: 'PUT',
    url: '/v1/teams/:id',
    operationId: 'updateTeam',
    summary: "Renames a team or changes its description",
    schema: { params: teamId, body: NamedBody, response: { 200: Team, 409: ErrorBody, ...errors } },
    handler: async (ctx) => ({ body: unwrap(await teamsApps(ctx).store.updateTeam(await caller(ctx), param(ctx, 'id'), body(ctx))) }),
  },
  {
    ...base,
    method: 'DELETE',
    url: '/v1/teams/:id',
    operationId: 'deleteTeam',
    summary: 'Deletes a team that has no members and no apps left (400 otherwise)',
    schema: { params: teamId, body: LooseBody, response: { 204: { type: 'null' }, ...errors } },
    handler: async (ctx) => (unwrap(await teamsApps(ctx).store.deleteTeam(await caller(ctx), param(ctx, 'id'))), noContent),
  },
  {
    ...base,
    method: 'GET',
    url: '/v1/teams/:id/members',
    operationId: 'listTeamMembers',
    summary: "A team's members",
    schema: { params: teamId, response: { 200: { type: 'array', items: Member }, ...errors } },
    handler: async (ctx) => ({ body: unwrap(await teamsApps(ctx).store.listMembers(await caller(ctx), param(ctx, 'id'))) }),
  },
  {
    ...base,
    method: 'POST',
    url: '/v1/teams/:id/members',
    operationId: 'addTeamMember',
    summary: 'Adds a user by e-mail (an unknown e-mail creates the user, synced: false until first sign-in)',
    schema: { params: teamId, body: LooseBody, response: { 201: Member, 409: ErrorBody, ...errors } },
    handler: async (ctx) => ({ status: 201, body: unwrap(await teamsApps(ctx).store.addMember(await caller(ctx), param(ctx, 'id'), body(ctx))) }),
  },
  {
    ...base,
    method: 'DELETE',
    url: '/v1/teams/:id/members/:userId',
    operationId: 'removeTeamMember',
    summary: 'Removes a member from a team',
    schema: { params: { type: 'object', required: ['id', 'userId'], properties: { id: { type: 'string' }, userId: { type: 'string' } } }, body: LooseBody, response: { 204: { type: 'null' }, ...errors } },
    handler: async (ctx) => (unwrap(await teamsApps(ctx).store.removeMember(await caller(ctx), param(ctx, 'id'), param(ctx, 'userId'))), noContent),
  },
];
