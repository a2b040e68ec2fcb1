// One gateway worker's feeds, as `portico up --workers N` runs them on the embedded stores (rss.ts forks it):
//   relayed: the API-key index and the credential view follow the primary's feeds over IPC (no threads here);
//   own:     each runs its own sqlite worker thread polling the files (today's setup).
// Once both have the whole state it does a few lookups and answers the parent's asks (answerParent); the parent
// reads this process's VmRSS from /proc.
// argv: relayed | own, state directory.
import { join } from 'node:path';
import type { FeedRelayChannel } from '@portico/async';
import { createIndexedApiKeyStore, createRelayedKeyFeed, createSqliteApiKeyStore, createSqliteKeyFeed } from '@portico/apikeys';
import { openCredentialView, relayedAppsFeed } from '@portico/portal-apps';
import { answerParent } from '@portico/testing';

const [mode, dir] = [process.argv[2], process.argv[3]!];
const channel = process as unknown as FeedRelayChannel;
const keysPath = join(dir, 'apikeys.db');
const portalPath = join(dir, 'portal.db');
const keys = await createIndexedApiKeyStore(createSqliteApiKeyStore({ path: keysPath }), mode === 'relayed' ? createRelayedKeyFeed(channel) : createSqliteKeyFeed({ path: keysPath }));
const view = await openCredentialView(portalPath, mode === 'relayed' ? { feed: relayedAppsFeed(channel) } : {});
for (let i = 0; i < 10; i++) {
  await keys.lookup(`pk_unknown_${i}`);
  await view.lookup({ apiKey: `pk_unknown_${i}` }, 'tracks');
}
answerParent(() => ({ keys: keys.indexStats().keys }));
