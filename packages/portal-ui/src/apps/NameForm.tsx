import { useState, type FormEvent } from 'react';

/**
 * The name + description form of teams and apps (create and edit). The server's refusal (a taken name: 409) is
 * shown under the form and what was typed stays.
 */
export function NameForm(props: {
  id: string;
  title: string;
  nameLabel: string;
  submitLabel: string;
  initial?: { name: string; description?: string };
  busy: boolean;
  error: string | null;
  onSubmit: (v: { name: string; description: string }) => Promise<boolean>;
}) {
  const [name, setName] = useState(props.initial?.name ?? '');
  const [description, setDescription] = useState(props.initial?.description ?? '');
  const [missing, setMissing] = useState(false);
  const errorId = `${props.id}-error`;
  const error = missing ? `Please give it a name.` : props.error;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const done = await props.onSubmit({ name: name.trim(), description: description.trim() });
    if (done && !props.initial) {
      setName('');
      setDescription('');
    }
  }

  return (
    <form className="panel create-key" onSubmit={submit} aria-labelledby={`${props.id}-title`} noValidate>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <label>
        {props.nameLabel}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={200}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
      </label>
      <label>
        Description
        <input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={4000} />
      </label>
      <button type="submit" className="button button-primary" disabled={props.busy}>
        {props.busy ? 'Saving…' : props.submitLabel}
      </button>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
