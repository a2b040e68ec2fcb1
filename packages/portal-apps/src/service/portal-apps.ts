// The teams-and-apps operations with their rules (portal-teams-apps.md §1–§2): who may do what (members of the
// owning team, admins), uniqueness (409), and what changes together (one transaction). Every method returns a
// Result; nothing throws for bad input, unknown ids, denied roles or a database outage.
import { randomUUID } from 'node:crypto';
import { generateApiKey, hashApiKey } from '@portico/apikeys/keys';
import type { Kysely, Transaction } from 'kysely';
import { AppsAbort, fail, ok, type AppsFailure, type Result } from '../errors.ts';
import type { IdpConnector } from '../idp/connector.ts';
import type { App, AppApiKey, Caller, Metadata, OauthCredential, RateLimit, Subscription, SubscriptionStatus, Team, User } from '../model/types.ts';
import { subscriptionStatus } from '../model/types.ts';
import { toApiKey, toApp, toCredential, toMetadata, toSubscription, toTeam, toUser } from '../storage/rows.ts';
import type { AppsTable, MetadataTable, PortalAppsDatabase, TeamsTable } from '../storage/schema.ts';
import * as input from './input.ts';

type Db = Kysely<PortalAppsDatabase> | Transaction<PortalAppsDatabase>;

export interface SignedInUser {
  /** Token subject. */
  sub: string;
  email: string | null;
  name: string | null;
  username: string | null;
}

export interface PortalAppsOptions {
  db: Kysely<PortalAppsDatabase>;
  /** null: OAuth credentials are refused with a clear message. */
  idp?: IdpConnector | null;
  now?: () => Date;
}

export interface MetadataUpdate {
  /** The complete map (replaces the stored one); omitted = unchanged. */
  customMetadata?: unknown;
  /** Omitted = unchanged. */
  rateLimit?: unknown;
}

const forbidden = (msg: string) => fail('APPS_FORBIDDEN', msg);
const notFound = (what: string, id: string) => fail('APPS_NOT_FOUND', `${what} not found: ${id}`);

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errcode?: number; message?: string };
  return e?.code === '23505' || e?.errcode === 2067 || e?.errcode === 1555 || /UNIQUE constraint failed/.test(e?.message ?? '');
}

export class PortalApps {
  private readonly db: Kysely<PortalAppsDatabase>;
  private readonly idp: IdpConnector | null;
  private readonly now: () => Date;

  constructor(opts: PortalAppsOptions) {
    this.db = opts.db;
    this.idp = opts.idp ?? null;
    this.now = opts.now ?? (() => new Date());
  }

  // ---- users (/me) ----

  /** The stored user for a token, or null (GET /me answers 404 then and the UI sends PUT /me). */
  async findUser(who: SignedInUser, isAdmin: boolean): Promise<Result<User | null>> {
    return this.run(async (db) => {
      const row = await this.userRow(db, who);
      return row ? toUser(row, isAdmin) : null;
    });
  }

  /** PUT /me: creates the user from the token's claims, or refreshes it (and marks an e-mail-added user synced). */
  async upsertUser(who: SignedInUser, isAdmin: boolean): Promise<Result<{ user: User; created: boolean }>> {
    return this.tx(async (trx) => {
      const t = this.stamp();
      const email = (who.email ?? who.sub).toLowerCase();
      const name = who.name ?? who.username ?? email;
      const username = who.username ?? email;
      const existing = await this.userRow(trx, who);
      if (existing) {
        await trx.updateTable('users').set({ sub: who.sub, email, name, username, synced: 1, updated_at: t }).where('id', '=', existing.id).execute();
        const row = await trx.selectFrom('users').selectAll().where('id', '=', existing.id).executeTakeFirstOrThrow();
        return { user: toUser(row, isAdmin), created: false };
      }
      if (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) {
        // The same address signed in before under another subject (another IdP account): refuse, never merge.
        throw new AppsAbort(fail('APPS_CONFLICT', `email: ${email} already belongs to another portal user (another sign-in subject)`, 'email'));
      }
      const row = { id: randomUUID(), sub: who.sub, email, name, username, synced: 1, created_at: t, updated_at: t };
      await trx.insertInto('users').values(row).execute();
      return { user: toUser(row, isAdmin), created: true };
    }, fail('APPS_CONFLICT', 'this user was created concurrently; try again'));
  }

  /** The caller of every other operation: its stored user, created on first use. */
  async caller(who: SignedInUser, isAdmin: boolean): Promise<Result<Caller>> {
    const found = await this.run((db) => this.userRow(db, who));
    if (!found.ok) return found;
    if (found.value) return ok({ userId: found.value.id, isAdmin });
    const made = await this.upsertUser(who, isAdmin);
    return made.ok ? ok({ userId: made.value.user.id, isAdmin }) : made;
  }

  // ---- teams and members ----

  /** Members see their teams; admins see every team (the admin pages start from GET /teams). */
  async listTeams(c: Caller): Promise<Result<Team[]>> {
    return this.run(async (db) => {
      let q = db.selectFrom('teams').selectAll('teams').orderBy('teams.created_at').orderBy('teams.id');
      if (!c.isAdmin) q = q.innerJoin('team_members', 'team_members.team_id', 'teams.id').where('team_members.user_id', '=', c.userId);
      return (await q.execute()).map(toTeam);
    });
  }

  async createTeam(c: Caller, body: { name?: unknown; description?: unknown }): Promise<Result<Team>> {
    if (c.isAdmin) return forbidden('admins cannot create teams: sign in as a member');
    const fields = input.nameAndDescription(body);
    if (input.isFailure(fields)) return fields;
    const { name, description } = fields;
    const conflict = fail('APPS_CONFLICT', `name: a team named "${name}" already exists`, 'name');
    return this.tx(async (trx) => {
      if (await trx.selectFrom('teams').select('id').where('name', '=', name).executeTakeFirst()) throw new AppsAbort(conflict);
      const t = this.stamp();
      const row: TeamsTable = { id: randomUUID(), name, description, created_at: t, updated_at: t };
      await trx.insertInto('teams').values(row).execute();
      await trx.insertInto('team_members').values({ team_id: row.id, user_id: c.userId, created_at: t }).execute();
      return toTeam(row);
    }, conflict);
  }

  async getTeam(c: Caller, id: string): Promise<Result<Team>> {
    return this.run(async (db) => toTeam(await this.teamFor(db, c, id)));
  }

  async updateTeam(c: Caller, id: string, body: { name?: unknown; description?: unknown }): Promise<Result<Team>> {
    const fields = input.nameAndDescription(body);
    if (input.isFailure(fields)) return fields;
    const { name, description } = fields;
    const conflict = fail('APPS_CONFLICT', `name: a team named "${name}" already exists`, 'name');
    return this.tx(async (trx) => {
      await this.teamFor(trx, c, id);
      if (await trx.selectFrom('teams').select('id').where('name', '=', name).where('id', '!=', id).executeTakeFirst()) throw new AppsAbort(conflict);
      await trx.updateTable('teams').set({ name, description, updated_at: this.stamp() }).where('id', '=', id).execute();
      return toTeam(await trx.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    }, conflict);
  }

  /** 400 (APPS_INVALID) while the team still has members or apps. */
  async deleteTeam(c: Caller, id: string): Promise<Result<true>> {
    return this.tx(async (trx) => {
      await this.teamFor(trx, c, id);
      const members = await trx.selectFrom('team_members').select('user_id').where('team_id', '=', id).execute();
      const apps = await trx.selectFrom('apps').select('id').where('team_id', '=', id).execute();
      if (members.length || apps.length) {
        throw new AppsAbort(fail('APPS_INVALID', `team ${id} still has ${members.length} member(s) and ${apps.length} app(s): remove them first`, 'id'));
      }
      await trx.deleteFrom('teams').where('id', '=', id).execute();
      return true as const;
    });
  }

  async listMembers(c: Caller, teamId: string): Promise<Result<User[]>> {
    return this.run(async (db) => {
      await this.teamFor(db, c, teamId);
      const rows = await db
        .selectFrom('users')
        .innerJoin('team_members', 'team_members.user_id', 'users.id')
        .selectAll('users')
        .where('team_members.team_id', '=', teamId)
        .orderBy('team_members.created_at')
        .orderBy('users.id')
        .execute();
      // isAdmin comes from a token claim, which only the user's own token carries.
      return rows.map((r) => toUser(r, false));
    });
  }

  /** An unknown e-mail creates the user (synced: false until they sign in). */
  async addMember(c: Caller, teamId: string, body: { email?: unknown }): Promise<Result<User>> {
    const email = input.email(body.email);
    if (input.isFailure(email)) return email;
    const conflict = fail('APPS_CONFLICT', `email: ${email} is already a member of this team`, 'email');
    return this.tx(async (trx) => {
      await this.teamFor(trx, c, teamId);
      const t = this.stamp();
      let user = await trx.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      if (!user) {
        user = { id: randomUUID(), sub: null, email, name: email, username: email, synced: 0, created_at: t, updated_at: t };
        await trx.insertInto('users').values(user).execute();
      }
      const member = await trx.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).where('user_id', '=', user.id).executeTakeFirst();
      if (member) throw new AppsAbort(conflict);
      await trx.insertInto('team_members').values({ team_id: teamId, user_id: user.id, created_at: t }).execute();
      return toUser(user, false);
    }, conflict);
  }

  async removeMember(c: Caller, teamId: string, userId: string): Promise<Result<true>> {
    return this.tx(async (trx) => {
      await this.teamFor(trx, c, teamId);
      const r = await trx.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw new AppsAbort(notFound('team member', userId));
      return true as const;
    });
  }

  // ---- apps ----

  async listApps(c: Caller, teamId: string): Promise<Result<App[]>> {
    return this.run(async (db) => {
      await this.teamFor(db, c, teamId);
      const rows = await db.selectFrom('apps').selectAll().where('team_id', '=', teamId).orderBy('created_at').orderBy('id').execute();
      const meta = await this.metadataOf(db, rows.map((r) => r.id));
      return rows.map((r) => toApp(r, meta.get(r.id)));
    });
  }

  async createApp(c: Caller, teamId: string, body: { name?: unknown; description?: unknown }): Promise<Result<App>> {
    if (c.isAdmin) return forbidden('admins cannot create apps: sign in as a member of the team');
    const fields = input.nameAndDescription(body);
    if (input.isFailure(fields)) return fields;
    const { name, description } = fields;
    const conflict = fail('APPS_CONFLICT', `name: the team already has an app named "${name}"`, 'name');
    return this.tx(async (trx) => {
      await this.teamFor(trx, c, teamId);
      if (await trx.selectFrom('apps').select('id').where('team_id', '=', teamId).where('name', '=', name).executeTakeFirst()) throw new AppsAbort(conflict);
      const t = this.stamp();
      const row: AppsTable = { id: randomUUID(), team_id: teamId, name, description, created_at: t, updated_at: t };
      await trx.insertInto('apps').values(row).execute();
      return toApp(row, undefined);
    }, conflict);
  }

  async getApp(c: Caller, id: string): Promise<Result<App>> {
    return this.run(async (db) => {
      const app = await this.appFor(db, c, id);
      return toApp(app, (await this.metadataOf(db, [id])).get(id));
    });
  }

  async updateApp(c: Caller, id: string, body: { name?: unknown; description?: unknown }): Promise<Result<App>> {
    const fields = input.nameAndDescription(body);
    if (input.isFailure(fields)) return fields;
    const { name, description } = fields;
    const conflict = fail('APPS_CONFLICT', `name: the team already has an app named "${name}"`, 'name');
    return this.tx(async (trx) => {
      const app = await this.appFor(trx, c, id);
      if (await trx.selectFrom('apps').select('id').where('team_id', '=', app.team_id).where('name', '=', name).where('id', '!=', id).executeTakeFirst()) {
        throw new AppsAbort(conflict);
      }
      await trx.updateTable('apps').set({ name, description, updated_at: this.stamp() }).where('id', '=', id).execute();
      const row = await trx.selectFrom('apps').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return toApp(row, (await this.metadataOf(trx, [id])).get(id));
    }, conflict);
  }

  /** Removes the app with its keys, subscriptions, metadata and OAuth credential (and the credential's IdP client). */
  async deleteApp(c: Caller, id: string): Promise<Result<true>> {
    const cred = await this.tx(async (trx) => {
      await this.appFor(trx, c, id);
      const found = await trx.selectFrom('oauth_credentials').selectAll().where('app_id', '=', id).executeTakeFirst();
      const subs = await trx.selectFrom('subscriptions').select('id').where('app_id', '=', id).execute();
      await trx.deleteFrom('metadata').where('owner_id', 'in', [id, ...subs.map((s) => s.id)]).execute();
      // Keys, subscriptions and the credential row go with the app (ON DELETE CASCADE).
      await trx.deleteFrom('apps').where('id', '=', id).execute();
      return found ?? null;
    });
    if (!cred.ok) return cred;
    if (cred.value && this.idp) await this.idp.deleteClient(cred.value.idp_client_id, cred.value.idp_handle).catch(() => undefined);
    return ok(true);
  }

  /** Admin only; `customMetadata` replaces the stored map, an omitted field stays as it is. */
  async setAppMetadata(c: Caller, appId: string, body: MetadataUpdate): Promise<Result<Metadata>> {
    if (!c.isAdmin) return forbidden('only portal admins may set app metadata and rate limits');
    return this.tx(async (trx) => {
      await this.appFor(trx, c, appId);
      return this.upsertMetadata(trx, appId, body);
    });
  }

  // ---- API keys ----

  async listApiKeys(c: Caller, appId: string): Promise<Result<AppApiKey[]>> {
    return this.run(async (db) => {
      await this.appFor(db, c, appId);
      return (await db.selectFrom('app_api_keys').selectAll().where('app_id', '=', appId).orderBy('created_at').orderBy('id').execute()).map(toApiKey);
    });
  }

  /** The key is in this answer only; the database keeps its SHA-256. */
  async createApiKey(c: Caller, appId: string, body: { apiKeyName?: unknown }): Promise<Result<AppApiKey>> {
    if (c.isAdmin) return forbidden('admins cannot create API keys: sign in as a member of the team');
    const name = input.name(body.apiKeyName, 'apiKeyName');
    if (input.isFailure(name)) return name;
    const conflict = fail('APPS_CONFLICT', `apiKeyName: the app already has an API key named "${name}"`, 'apiKeyName');
    return this.tx(async (trx) => {
      await this.appFor(trx, c, appId);
      if (await trx.selectFrom('app_api_keys').select('id').where('app_id', '=', appId).where('name', '=', name).executeTakeFirst()) throw new AppsAbort(conflict);
      const apiKey = generateApiKey();
      const t = this.stamp();
      const row = { id: randomUUID(), app_id: appId, name, key_hash: hashApiKey(apiKey), metadata: '{}', created_at: t, updated_at: t };
      await trx.insertInto('app_api_keys').values(row).execute();
      return { ...toApiKey(row), apiKey };
    }, conflict);
  }

  async deleteApiKey(c: Caller, keyId: string): Promise<Result<true>> {
    return this.tx(async (trx) => {
      const key = await trx.selectFrom('app_api_keys').select(['id', 'app_id']).where('id', '=', keyId).executeTakeFirst();
      if (!key) throw new AppsAbort(notFound('API key', keyId));
      await this.appFor(trx, c, key.app_id, () => notFound('API key', keyId));
      await trx.deleteFrom('app_api_keys').where('id', '=', keyId).execute();
      return true as const;
    });
  }

  // ---- OAuth credentials ----

  /** The app's one credential; APPS_NOT_FOUND when it has none (the UI then offers to create one). */
  async getOauthCredential(c: Caller, appId: string): Promise<Result<OauthCredential>> {
    return this.run(async (db) => {
      await this.appFor(db, c, appId);
      const row = await db.selectFrom('oauth_credentials').selectAll().where('app_id', '=', appId).executeTakeFirst();
      if (!row) throw new AppsAbort(fail('APPS_NOT_FOUND', `app ${appId} has no OAuth credential`));
      return toCredential(row);
    });
  }

  /** Creates the IdP client, then records it; if recording fails the IdP client is deleted again. */
  async createOauthCredential(c: Caller, appId: string): Promise<Result<OauthCredential>> {
    const idp = this.idp;
    if (!idp) return fail('APPS_INVALID', 'OAuth credentials are not available: the portal server has no identity provider connector configured');
    const conflict = fail('APPS_CONFLICT', `app ${appId} already has an OAuth credential: delete it first`);
    const pre = await this.run(async (db) => {
      const app = await this.appFor(db, c, appId);
      if (await db.selectFrom('oauth_credentials').select('id').where('app_id', '=', appId).executeTakeFirst()) throw new AppsAbort(conflict);
      return app;
    });
    if (!pre.ok) return pre;
    let client;
    try {
      client = await idp.createClient(pre.value.name);
    } catch (err) {
      return fail('APPS_IDP_FAILED', `the identity provider did not create the OAuth client: ${(err as Error).message}`);
    }
    const t = this.stamp();
    const row = { id: randomUUID(), app_id: appId, idp_client_id: client.clientId, idp_client_name: client.clientName, idp_handle: client.handle, created_at: t, updated_at: t };
    const saved = await this.tx(async (trx) => {
      await this.appFor(trx, c, appId);
      if (await trx.selectFrom('oauth_credentials').select('id').where('app_id', '=', appId).executeTakeFirst()) throw new AppsAbort(conflict);
      await trx.insertInto('oauth_credentials').values(row).execute();
      return { ...toCredential(row), idpClientSecret: client.clientSecret };
    }, conflict);
    if (!saved.ok) await idp.deleteClient(client.clientId, client.handle).catch(() => undefined);
    return saved;
  }

  async deleteOauthCredential(c: Caller, credentialId: string): Promise<Result<true>> {
    const gone = await this.tx(async (trx) => {
      const row = await trx.selectFrom('oauth_credentials').selectAll().where('id', '=', credentialId).executeTakeFirst();
      if (!row) throw new AppsAbort(notFound('OAuth credential', credentialId));
      await this.appFor(trx, c, row.app_id, () => notFound('OAuth credential', credentialId));
      await trx.deleteFrom('oauth_credentials').where('id', '=', credentialId).execute();
      return row;
    });
    if (!gone.ok) return gone;
    // The row is gone, so the gateway refuses the client's tokens already; the IdP client is removed too.
    if (this.idp) {
      try {
        await this.idp.deleteClient(gone.value.idp_client_id, gone.value.idp_handle);
      } catch (err) {
        return fail('APPS_IDP_FAILED', `credential removed, but the identity provider did not delete client ${gone.value.idp_client_id}: ${(err as Error).message}`);
      }
    }
    return ok(true);
  }

  // ---- subscriptions ----

  async listAppSubscriptions(c: Caller, appId: string): Promise<Result<Subscription[]>> {
    return this.run(async (db) => {
      await this.appFor(db, c, appId);
      const rows = await db.selectFrom('subscriptions').selectAll().where('app_id', '=', appId).orderBy('created_at').orderBy('id').execute();
      const meta = await this.metadataOf(db, rows.map((r) => r.id));
      return rows.map((r) => toSubscription(r, meta.get(r.id)));
    });
  }

  /**
   * A new subscription is pending until an admin approves it (`autoApprove` is the product's autoApproval).
   * The caller checks that the product exists in the portal.
   */
  async createSubscription(c: Caller, appId: string, apiProductId: string, autoApprove = false): Promise<Result<Subscription>> {
    const conflict = fail('APPS_CONFLICT', `apiProductId: app ${appId} already has a subscription to ${apiProductId}`, 'apiProductId');
    return this.tx(async (trx) => {
      await this.appFor(trx, c, appId);
      if (await trx.selectFrom('subscriptions').select('id').where('app_id', '=', appId).where('api_product_id', '=', apiProductId).executeTakeFirst()) {
        throw new AppsAbort(conflict);
      }
      const t = this.stamp();
      const row = {
        id: randomUUID(), app_id: appId, api_product_id: apiProductId, requested_at: t,
        approved: autoApprove ? 1 : 0, approved_at: autoApprove ? t : null, rejected: 0, rejected_at: null, created_at: t, updated_at: t,
      };
      await trx.insertInto('subscriptions').values(row).execute();
      return toSubscription(row, undefined);
    }, conflict);
  }

  /** Admins: every subscription; others: their teams' apps' ones. */
  async listSubscriptions(c: Caller, status?: SubscriptionStatus): Promise<Result<Subscription[]>> {
    return this.run(async (db) => {
      let q = db.selectFrom('subscriptions').selectAll('subscriptions').orderBy('subscriptions.created_at').orderBy('subscriptions.id');
      if (!c.isAdmin) {
        q = q
          .innerJoin('apps', 'apps.id', 'subscriptions.app_id')
          .innerJoin('team_members', 'team_members.team_id', 'apps.team_id')
          .where('team_members.user_id', '=', c.userId);
      }
      const rows = (await q.execute()).filter((r) => status === undefined || subscriptionStatus({ approved: r.approved === 1, rejected: r.rejected === 1 }) === status);
      const meta = await this.metadataOf(db, rows.map((r) => r.id));
      return rows.map((r) => toSubscription(r, meta.get(r.id)));
    });
  }

  async deleteSubscription(c: Caller, id: string): Promise<Result<true>> {
    return this.tx(async (trx) => {
      await this.subscriptionFor(trx, c, id);
      await trx.deleteFrom('metadata').where('owner_id', '=', id).execute();
      await trx.deleteFrom('subscriptions').where('id', '=', id).execute();
      return true as const;
    });
  }

  /** Approve clears a rejection; reject clears an approval (an admin may change their mind either way). */
  async decideSubscription(c: Caller, id: string, decision: 'approve' | 'reject'): Promise<Result<Subscription>> {
    if (!c.isAdmin) return forbidden(`only portal admins may ${decision} subscriptions`);
    return this.tx(async (trx) => {
      await this.subscriptionFor(trx, c, id);
      const t = this.stamp();
      const set = decision === 'approve'
        ? { approved: 1, approved_at: t, rejected: 0, rejected_at: null, updated_at: t }
        : { approved: 0, approved_at: null, rejected: 1, rejected_at: t, updated_at: t };
      await trx.updateTable('subscriptions').set(set).where('id', '=', id).execute();
      const row = await trx.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return toSubscription(row, (await this.metadataOf(trx, [id])).get(id));
    });
  }

  async setSubscriptionMetadata(c: Caller, id: string, body: MetadataUpdate): Promise<Result<Metadata>> {
    if (!c.isAdmin) return forbidden('only portal admins may set subscription metadata and rate limits');
    return this.tx(async (trx) => {
      await this.subscriptionFor(trx, c, id);
      return this.upsertMetadata(trx, id, body);
    });
  }

  // ---- helpers ----

  private stamp(): string {
    return this.now().toISOString();
  }

  private async userRow(db: Db, who: SignedInUser) {
    const bySub = await db.selectFrom('users').selectAll().where('sub', '=', who.sub).executeTakeFirst();
    if (bySub) return bySub;
    // A user added to a team by e-mail has no subject until first sign-in.
    if (!who.email) return undefined;
    return db.selectFrom('users').selectAll().where('email', '=', who.email.toLowerCase()).where('sub', 'is', null).executeTakeFirst();
  }

  /** The team if the caller may act on it: 404 when it does not exist, 403 when the caller is not a member. */
  private async teamFor(db: Db, c: Caller, id: string): Promise<TeamsTable> {
    const team = await db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
    if (!team) throw new AppsAbort(notFound('team', id));
    if (!c.isAdmin && !(await this.isMember(db, c.userId, id))) throw new AppsAbort(forbidden(`you are not a member of team ${id}`));
    return team;
  }

  private async appFor(db: Db, c: Caller, id: string, missing: () => AppsFailure = () => notFound('app', id)): Promise<AppsTable> {
    const app = await db.selectFrom('apps').selectAll().where('id', '=', id).executeTakeFirst();
    if (!app) throw new AppsAbort(missing());
    if (!c.isAdmin && !(await this.isMember(db, c.userId, app.team_id))) {
      throw new AppsAbort(forbidden(`app ${id} belongs to a team you are not a member of`));
    }
    return app;
  }

  private async subscriptionFor(db: Db, c: Caller, id: string) {
    const sub = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!sub) throw new AppsAbort(notFound('subscription', id));
    await this.appFor(db, c, sub.app_id, () => notFound('subscription', id));
    return sub;
  }

  private async isMember(db: Db, userId: string, teamId: string): Promise<boolean> {
    return !!(await db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst());
  }

  private async metadataOf(db: Db, ownerIds: string[]): Promise<Map<string, MetadataTable>> {
    if (ownerIds.length === 0) return new Map();
    const rows = await db.selectFrom('metadata').selectAll().where('owner_id', 'in', ownerIds).execute();
    return new Map(rows.map((r) => [r.owner_id, r]));
  }

  private async upsertMetadata(trx: Db, ownerId: string, body: MetadataUpdate): Promise<Metadata> {
    let custom: Record<string, string> | undefined;
    let limit: RateLimit | undefined;
    if (body.customMetadata !== undefined) {
      const v = input.customMetadata(body.customMetadata);
      if (input.isFailure(v)) throw new AppsAbort(v);
      custom = v;
    }
    if (body.rateLimit !== undefined && body.rateLimit !== null) {
      const v = input.rateLimit(body.rateLimit);
      if (input.isFailure(v)) throw new AppsAbort(v);
      limit = v;
    }
    const t = this.stamp();
    const existing = await trx.selectFrom('metadata').selectAll().where('owner_id', '=', ownerId).executeTakeFirst();
    if (existing) {
      const set: Partial<MetadataTable> = { updated_at: t };
      if (custom) set.custom_metadata = JSON.stringify(custom);
      if (limit) Object.assign(set, { rate_limit_requests: limit.requestsPerUnit, rate_limit_unit: limit.unit });
      await trx.updateTable('metadata').set(set).where('owner_id', '=', ownerId).execute();
    } else {
      await trx
        .insertInto('metadata')
        .values({
          id: randomUUID(), owner_id: ownerId, custom_metadata: JSON.stringify(custom ?? {}),
          rate_limit_requests: limit?.requestsPerUnit ?? null, rate_limit_unit: limit?.unit ?? null, created_at: t, updated_at: t,
        })
        .execute();
    }
    return toMetadata(await trx.selectFrom('metadata').selectAll().where('owner_id', '=', ownerId).executeTakeFirstOrThrow());
  }

  /** A read outside a transaction; AppsAbort becomes its failure, any other error APPS_UNAVAILABLE. */
  private async run<T>(fn: (db: Db) => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await fn(this.db));
    } catch (err) {
      return this.failure(err, undefined);
    }
  }

  /** A write in one transaction (all or nothing); a unique violation raced past the pre-check is `conflict`. */
  private async tx<T>(fn: (trx: Transaction<PortalAppsDatabase>) => Promise<T>, conflict?: AppsFailure): Promise<Result<T>> {
    try {
      return ok(await this.db.transaction().execute(fn));
    } catch (err) {
      return this.failure(err, conflict);
    }
  }

  private failure(err: unknown, conflict: AppsFailure | undefined): AppsFailure {
    if (err instanceof AppsAbort) return err.failure;
    if (conflict && isUniqueViolation(err)) return conflict;
    return fail('APPS_UNAVAILABLE', `portal database unavailable: ${(err as Error)?.message ?? String(err)}`);
  }
}
