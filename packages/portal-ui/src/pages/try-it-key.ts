// The key a user just created, kept for this browser tab only so try-it can use it without pasting.
// It never goes to localStorage: keys are secrets and are shown once.
const KEY = 'portico.tryItKey';

export function readTryItKey(): string {
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberTryItKey(value: string): void {
  try {
    sessionStorage.setItem(KEY, value);
  } catch {
    // storage disabled: the user pastes the key instead
  }
}

export function forgetTryItKey(value: string): void {
  try {
    if (sessionStorage.getItem(KEY) === value) sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
