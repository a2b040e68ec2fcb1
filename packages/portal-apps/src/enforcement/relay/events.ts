// What the credential view's feed relay sends (as @portico/async feed-relay events): the AppsFeedHandlers calls,
// with each app's subscriptions as an array of entries so they survive either IPC serialization ('json' or
// 'advanced'), and errors as their message.
import type { AppEntry, Grant } from '../app-entries.ts';

export const APPS_FEED_RELAY_NAME = 'portal-apps';

export type WireApp = Omit<AppEntry, 'subscriptions'> & { subscriptions: [apiProductId: string, grant: Grant][] };

export type AppsRelayEvent =
  | { k: 'reset'; apps: WireApp[] }
  | { k: 'changes'; put: WireApp[]; removed: string[] }
  | { k: 'lost'; message: string }
  | { k: 'following' };

export const toWire = (e: AppEntry): WireApp => ({ ...e, subscriptions: [...e.subscriptions] });
export const fromWire = (w: WireApp): AppEntry => ({ ...w, subscriptions: new Map(w.subscriptions) });
