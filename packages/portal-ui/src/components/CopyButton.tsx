import { useState } from 'react';

/**
 * Copies a value to the clipboard and says so, for screen readers too. `what` completes the visible "Copy" for
 * screen readers ("Copy the key ci"); the visible word stays the start of the accessible name (WCAG 2.5.3).
 */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <>
      <button type="button" className="button" onClick={copy}>
        {copied === 'copied' ? 'Copied' : 'Copy'}
        <span className="visually-hidden"> {what}</span>
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {copied === 'copied' ? 'Copied to clipboard' : copied === 'failed' ? 'Copy failed; select the key and copy it by hand' : ''}
      </span>
    </>
  );
}
