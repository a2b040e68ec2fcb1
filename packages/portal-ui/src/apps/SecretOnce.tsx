import { CopyButton } from '../components/CopyButton.tsx';

/**
 * A secret the server returns once (an app API key, an OAuth client secret): shown with a copy button and a plain
 * warning, until the user says it is copied. Nothing keeps it: leaving the page loses it for good.
 */
export function SecretOnce(props: { title: string; what: string; secret: string; testId: string; details?: { label: string; value: string }[]; onDismiss: () => void }) {
  const titleId = `${props.testId}-title`;
  return (
    <div className="panel new-key" role="region" aria-labelledby={titleId}>
      <h3 id={titleId}>{props.title}</h3>
      <p>
        <strong>You won't see this again.</strong> Copy it now and keep it somewhere safe: the portal stores only a hash of it.
      </p>
      {props.details?.map((d) => (
        <p key={d.label} className="key-row">
          <span>{d.label}:</span> <code>{d.value}</code>
        </p>
      ))}
      <p className="key-row">
        <code data-testid={props.testId}>{props.secret}</code>
        <CopyButton value={props.secret} what={props.what} />
      </p>
      <button type="button" className="button" onClick={props.onDismiss}>
        I have copied it
      </button>
    </div>
  );
}
