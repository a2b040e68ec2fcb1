import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { NameForm } from './NameForm.tsx';
import { useAction } from './useAction.ts';

/**
 * The folded "Edit or delete this team/app" panel: a name + description form (PUT) and a delete button behind a
 * confirmation; the server's refusals are shown in place. `onDeleted` runs only after a successful delete.
 */
export function EditOrDelete(props: {
  what: 'team' | 'app';
  name: string;
  description?: string;
  save: (v: { name: string; description: string }) => Promise<unknown>;
  remove: () => Promise<unknown>;
  onDeleted: () => void;
  deleteWarning: string;
  children?: ReactNode;
}) {
  const edit = useAction();
  const del = useAction();
  const [confirming, setConfirming] = useState(false);
  const What = props.what === 'team' ? 'Team' : 'App';
  async function confirmDelete() {
    setConfirming(false);
    if (await del.run(props.remove)) props.onDeleted();
  }
  return (
    <details className="panel">
      <summary>Edit or delete this {props.what}</summary>
      <NameForm
        key={props.name + (props.description ?? '')}
        id={`edit-${props.what}`}
        title={`Edit the ${props.what}`}
        nameLabel={`${What} name`}
        submitLabel={`Save ${props.what}`}
        initial={{ name: props.name, description: props.description }}
        busy={edit.busy}
        error={edit.error}
        onSubmit={(v) => edit.run(() => props.save(v))}
      />
      {props.children}
      <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
        Delete {props.what}
      </button>
      {del.error && (
        <p className="state state-error" role="alert">
          The {props.what} was not deleted: {del.error}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Delete this ${props.what}?`}
        message={props.deleteWarning}
        confirmLabel={`Delete ${props.what}`}
        onConfirm={confirmDelete}
        onCancel={() => setConfirming(false)}
      />
    </details>
  );
}
