import { useId, useState, type FormEvent } from 'react';
import { RATE_LIMIT_UNITS, type AppsMetadata, type AppsRateLimit } from '../api/apps-types.ts';

interface Row {
  key: string;
  value: string;
}

/**
 * Admins: an app's or a subscription's custom metadata (sent as the complete map: removing a row deletes the key)
 * and rate limit ("No limit" is Solo's `0 UNKNOWN`). A subscription's limit overrides its app's.
 */
export function MetadataForm(props: {
  title: string;
  initial?: AppsMetadata;
  busy: boolean;
  error: string | null;
  onSave: (v: { customMetadata: Record<string, string>; rateLimit: AppsRateLimit }) => Promise<boolean>;
}) {
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => Object.entries(props.initial?.customMetadata ?? {}).map(([key, value]) => ({ key, value })));
  const limit = props.initial?.rateLimit;
  const limited = limit && limit.unit !== 'UNKNOWN' && limit.requestsPerUnit !== '0';
  const [requests, setRequests] = useState(limited ? limit.requestsPerUnit : '');
  const [unit, setUnit] = useState<string>(limited ? limit.unit : 'UNKNOWN');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const error = invalid ?? props.error;
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const keys = rows.map((r) => r.key.trim());
    if (keys.some((k) => !k)) return setInvalid('Every metadata entry needs a key.');
    if (new Set(keys).size !== keys.length) return setInvalid('Each metadata key may appear only once.');
    if (unit !== 'UNKNOWN' && !/^\d{1,12}$/.test(requests.trim())) return setInvalid('Requests per unit must be a whole number.');
    setInvalid(null);
    const customMetadata = Object.fromEntries(rows.map((r) => [r.key.trim(), r.value]));
    const rateLimit: AppsRateLimit = unit === 'UNKNOWN' ? { requestsPerUnit: '0', unit: 'UNKNOWN' } : { requestsPerUnit: requests.trim(), unit: unit as AppsRateLimit['unit'] };
    setSaved(await props.onSave({ customMetadata, rateLimit }));
  }

  return (
    <form className="panel metadata-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{props.title}</h3>
      <fieldset>
        <legend>Custom metadata</legend>
        {rows.length === 0 && <p className="help">No metadata.</p>}
        {rows.map((r, i) => (
          <div key={i} className="metadata-row">
            <label>
              Key {i + 1}
              <input value={r.key} onChange={(e) => set(i, { key: e.target.value })} />
            </label>
            <label>
              Value {i + 1}
              <input value={r.value} onChange={(e) => set(i, { value: e.target.value })} />
            </label>
            <button type="button" className="button button-danger" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} aria-label={`Remove metadata entry ${i + 1}`}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="button" onClick={() => setRows((rs) => [...rs, { key: '', value: '' }])}>
          Add metadata entry
        </button>
      </fieldset>
      <fieldset>
        <legend>Rate limit</legend>
        <div className="metadata-row">
          <label>
            Requests per unit
            <input inputMode="numeric" value={requests} onChange={(e) => setRequests(e.target.value)} disabled={unit === 'UNKNOWN'} />
          </label>
          <label>
            Unit
            <select value={unit} onChange={(e) => setUnit(e.target.value)}>
              <option value="UNKNOWN">No limit</option>
              {RATE_LIMIT_UNITS.map((u) => (
                <option key={u} value={u}>
                  per {u.toLowerCase()}
                </option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>
      <button type="submit" className="button button-primary" disabled={props.busy}>
        {props.busy ? 'Saving…' : 'Save metadata and limit'}
      </button>
      <p role="status" className="help">
        {saved && !props.busy ? 'Saved.' : ''}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
