// What the user typed into "Create an API key", kept across the login round trip an expired session causes
// (the browser leaves the app for the IdP and comes back): restored once, then forgotten. This tab only.
const KEY = 'portico.keyDraft';

export interface KeyDraft {
  plan: string;
  name: string;
}

export function saveKeyDraft(draft: KeyDraft): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(draft));
  } catch {
    // storage disabled: nothing to restore
  }
}

export function takeKeyDraft(): KeyDraft | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    const d = raw ? (JSON.parse(raw) as Partial<KeyDraft>) : null;
    return d && typeof d.plan === 'string' && typeof d.name === 'string' ? { plan: d.plan, name: d.name } : null;
  } catch {
    return null;
  }
}
