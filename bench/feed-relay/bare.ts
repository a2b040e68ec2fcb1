// The floor for rss.ts: a child with the same imports as worker.ts and no feeds.
import '@portico/apikeys';
import '@portico/portal-apps';
import { answerParent } from '@portico/testing';

answerParent(() => ({}));
