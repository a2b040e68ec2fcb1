// After an apply has been reconciled, the status each applied resource got — so `portico apply` can say that a
// resource it "created" is not (fully) served: a route with an invalid regex, a policy whose AuthConfig is
// REJECTED (issue 11 item 6). Only states that need attention are attached.
import type { Store } from '@portico/store';
import type { ApplyDocumentResult } from './apply.ts';

const NEEDS_ATTENTION = new Set(['INVALID', 'FAILED', 'WARNING', 'REJECTED']);

export async function attachStatuses(store: Store, results: ApplyDocumentResult[]): Promise<void> {
  for (const r of results) {
    if (!r.ok || !r.kind || !r.name || r.action === 'skipped') continue;
    const stored = await store.get(r.kind, r.namespace ?? '', r.name);
    const st = stored?.status as { common?: { State?: { approval?: string; message?: string } }; state?: string; reason?: string } | undefined;
    const approval = st?.common?.State?.approval ?? st?.state;
    const message = st?.common?.State?.message ?? st?.reason ?? '';
    if (approval !== undefined && NEEDS_ATTENTION.has(approval)) r.status = { approval, message };
  }
}
