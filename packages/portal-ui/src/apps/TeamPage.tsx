import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { App, Member, Team } from '../api/apps-types.ts';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { NameForm } from './NameForm.tsx';
import { EditOrDelete } from './EditOrDelete.tsx';
import { RequireMember } from './RequireMember.tsx';
import { useAction } from './useAction.ts';

const path = (id: string) => `/teams/${encodeURIComponent(id)}`;

/** One team: its members (add by e-mail, remove) and its apps (create). */
export function TeamPage() {
  const { teamId = '' } = useParams();
  return <RequireMember title="Team">{(member) => <TeamView teamId={teamId} me={member} />}</RequireMember>;
}

function TeamView({ teamId, me }: { teamId: string; me: Member }) {
  const team = useResource(() => api.get<Team>(path(teamId)), [teamId]);
  const navigate = useNavigate();
  const create = useAction();
  if (team.state === 'loading') return <Loading label="Loading the team" />;
  if (team.state === 'error') return <ErrorState error={team.error} retry={team.retry} what="the team" />;

  return (
    <article aria-labelledby="team-title">
      <p className="breadcrumb">
        <Link to="/teams">Teams</Link> / {team.data.name}
      </p>
      <h1 id="team-title">{team.data.name}</h1>
      {team.data.description && <p>{team.data.description}</p>}
      <EditOrDelete
        what="team"
        name={team.data.name}
        description={team.data.description}
        save={async (v) => (await api.put(path(teamId), v), team.reload())}
        remove={() => api.del(path(teamId))}
        onDeleted={() => void navigate('/teams')}
        deleteWarning={`"${team.data.name}" is removed for good.`}
      >
        <p className="help">A team can be deleted only once it has no members and no apps (portal admins can remove its last members).</p>
      </EditOrDelete>
      <Members teamId={teamId} me={me} />
      <section aria-labelledby="team-apps-title">
        <h2 id="team-apps-title">Apps</h2>
        {!me.isAdmin && (
          <NameForm
            id="create-app"
            title="Create an app"
            nameLabel="App name"
            submitLabel="Create app"
            busy={create.busy}
            error={create.error}
            onSubmit={(v) =>
              create.run(async () => {
                const app = await api.post<App>(`${path(teamId)}/apps`, v);
                void navigate(`/apps/${encodeURIComponent(app.id)}`);
              })
            }
          />
        )}
        <TeamApps teamId={teamId} />
      </section>
    </article>
  );
}

function TeamApps({ teamId }: { teamId: string }) {
  const apps = useResource(() => api.get<App[]>(`${path(teamId)}/apps`), [teamId]);
  if (apps.state === 'loading') return <Loading label="Loading the team's apps" />;
  if (apps.state === 'error') return <ErrorState error={apps.error} retry={apps.retry} what="the team's apps" />;
  if (apps.data.length === 0) return <p className="help">This team has no apps yet.</p>;
  return (
    <ul className="key-list" aria-label="The team's apps">
      {apps.data.map((a) => (
        <li key={a.id}>
          <Link to={`/apps/${encodeURIComponent(a.id)}`}>{a.name}</Link>
          <span className="help">{a.description}</span>
        </li>
      ))}
    </ul>
  );
}

function Members({ teamId, me }: { teamId: string; me: Member }) {
  const members = useResource(() => api.get<Member[]>(`${path(teamId)}/members`), [teamId]);
  const [email, setEmail] = useState('');
  const add = useAction();
  const remove = useAction();
  const [toRemove, setToRemove] = useState<Member | null>(null);
  const reload = () => members.state === 'ready' && members.reload();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim()) {
      add.setError('Please enter an e-mail address.');
      return;
    }
    if (await add.run(() => api.post(`${path(teamId)}/members`, { email: email.trim(), teamId }))) {
      setEmail('');
      reload();
    }
  }

  async function confirmRemove() {
    const m = toRemove;
    setToRemove(null);
    if (m && (await remove.run(() => api.del(`${path(teamId)}/members/${encodeURIComponent(m.id)}`)))) reload();
  }

  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <form className="panel create-key" onSubmit={submit} aria-labelledby="add-member-title" noValidate>
        <h3 id="add-member-title">Add a member</h3>
        <label>
          E-mail address
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="off"
            aria-invalid={add.error ? true : undefined}
            aria-describedby={add.error ? 'add-member-error' : 'add-member-help'}
          />
        </label>
        <button type="submit" className="button button-primary" disabled={add.busy}>
          {add.busy ? 'Adding…' : 'Add member'}
        </button>
        <p id="add-member-help" className="help">
          Someone who has not logged in yet is added as invited and joins on first login.
        </p>
        {add.error && (
          <p id="add-member-error" className="field-error" role="alert">
            {add.error}
          </p>
        )}
      </form>
      {remove.error && (
        <p className="state state-error" role="alert">
          The member was not removed: {remove.error}
        </p>
      )}
      {members.state === 'loading' && <Loading label="Loading members" />}
      {members.state === 'error' && <ErrorState error={members.error} retry={members.retry} what="the members" />}
      {members.state === 'ready' &&
        (members.data.length === 0 ? (
          <Empty title="This team has no members." />
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Members of the team</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.data.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.name || m.username || m.email}</th>
                    <td>{m.email}</td>
                    <td>{m.synced === false ? 'Invited (has not logged in yet)' : 'Active'}</td>
                    <td>
                      {m.id === me.id ? (
                        <span className="help">You</span>
                      ) : (
                        <button type="button" className="button button-danger" onClick={() => setToRemove(m)} aria-label={`Remove ${m.email} from the team`}>
                          Remove
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <ConfirmDialog
        open={toRemove !== null}
        title="Remove this member?"
        message={`${toRemove?.email ?? ''} will no longer see this team's apps or their credentials.`}
        confirmLabel="Remove member"
        onConfirm={confirmRemove}
        onCancel={() => setToRemove(null)}
      />
    </section>
  );
}
