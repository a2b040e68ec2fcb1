// @portico/portal-apps/view — the credential view a gateway answers portalAuth from, and the feed relayed to it by
// the primary (`portico up --workers N`). Loads no SQL client: the view's own database feed is imported only when
// it follows the database itself.
export { openCredentialView } from './enforcement/view.ts';
export type { CredentialView, CredentialViewOptions } from './enforcement/view.ts';
export { relayedAppsFeed } from './enforcement/relay/worker.ts';
export type { AppCredential, AppCredentialLookup, AppGrant } from './enforcement/lookup.ts';
export type { FeedRelayChannel } from '@portico/async';
