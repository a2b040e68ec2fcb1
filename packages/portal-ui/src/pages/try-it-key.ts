// The key a user just created, kept for this browser tab only so try-it can use it without pasting.
// It never goes to localStorage: keys are secrets and are shown once. Its id is kept beside it because the key
// list only knows ids: deleting that key must also forget it here.
const KEY = 'portico.tryItKey';

interface Remembered {
  id: string;
  apiKey: string;
}

function read(): Remembered | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<Remembered>) : null;
    return parsed && typeof parsed.id === 'string' && typeof parsed.apiKey === 'string' ? { id: parsed.id, apiKey: parsed.apiKey } : null;
  } catch {
    return null;
  }
}

export function readTryItKey(): string {
  return read()?.apiKey ?? '';
}

export function rememberTryItKey(id: string, apiKey: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ id, apiKey }));
  } catch {
    // storage disabled: the user pastes the key instead
  }
}

/** Forgets the remembered key if it is the one with this id (just deleted). */
export function forgetTryItKey(id: string): void {
  try {
    if (read()?.id === id) sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
