import { ConfirmDialog } from './ConfirmDialog.tsx';

/** One API key in a list (never the key itself): its name and a delete button. */
export function KeyItem({ name, onDelete }: { name: string; onDelete: () => void }) {
  return (
    <li>
      <span className="key-name">{name}</span>
      <button type="button" className="button button-danger" onClick={onDelete} aria-label={`Delete the key ${name}`}>
        Delete
      </button>
    </li>
  );
}

/** Confirms deleting the key named `keyName` (null: closed). */
export function DeleteKeyDialog({ keyName, onConfirm, onCancel }: { keyName: string | null; onConfirm: () => void; onCancel: () => void }) {
  return (
    <ConfirmDialog
      open={keyName !== null}
      title="Delete this API key?"
      message={`Requests using "${keyName ?? ''}" will be refused at once. This cannot be undone.`}
      confirmLabel="Delete key"
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
