import { Link, useNavigate } from 'react-router';
import type { Member, Team } from '../api/apps-types.ts';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { NameForm } from './NameForm.tsx';
import { RequireMember } from './RequireMember.tsx';
import { useAction } from './useAction.ts';

/** My teams (admins: every team), and a form to create one (members only: admins do not own teams). */
export function TeamsPage() {
  return <RequireMember title="Teams">{(member) => <Teams member={member} />}</RequireMember>;
}

function Teams({ member }: { member: Member }) {
  const teams = useResource(() => api.get<Team[]>('/teams'), []);
  const create = useAction();
  const navigate = useNavigate();
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{member.isAdmin ? 'All teams' : 'My teams'}</h1>
      {!member.isAdmin && (
        <NameForm
          id="create-team"
          title="Create a team"
          nameLabel="Team name"
          submitLabel="Create team"
          busy={create.busy}
          error={create.error}
          onSubmit={(v) =>
            create.run(async () => {
              const team = await api.post<Team>('/teams', v);
              void navigate(`/teams/${encodeURIComponent(team.id)}`);
            })
          }
        />
      )}
      {teams.state === 'loading' && <Loading label="Loading teams" />}
      {teams.state === 'error' && <ErrorState error={teams.error} retry={teams.retry} what="the teams" />}
      {teams.state === 'ready' &&
        (teams.data.length === 0 ? (
          <Empty title={member.isAdmin ? 'No team exists yet.' : 'You are not in a team yet.'}>
            {!member.isAdmin && <p>Create one above, or ask a team member to add your e-mail address.</p>}
          </Empty>
        ) : (
          <ul className="cards" aria-label="Teams">
            {teams.data.map((t) => (
              <li key={t.id} className="card">
                <h2>
                  <Link to={`/teams/${encodeURIComponent(t.id)}`}>{t.name}</Link>
                </h2>
                {t.description && <p>{t.description}</p>}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
