import { useState } from 'react';

/** Copies a value to the clipboard and says so, for screen readers too. */
export function CopyButton({ value, label }: { value: string; label: string }) {
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
      <button type="button" className="button" onClick={copy} aria-label={label}>
        {copied === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {copied === 'copied' ? 'Copied to clipboard' : copied === 'failed' ? 'Copy failed; select the key and copy it by hand' : ''}
      </span>
    </>
  );
}
