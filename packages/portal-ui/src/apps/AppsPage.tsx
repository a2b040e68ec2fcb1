import { Link } from 'react-router';
import type { App, Member, Team } from '../api/apps-types.ts';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { RequireMember } from './RequireMember.tsx';

export interface TeamApps {
  team: Team;
  apps: App[];
}

/** Every team the caller sees (admins: all) with its apps: one call per team, as Solo's frontend does. */
export async function loadTeamApps(): Promise<TeamApps[]> {
  const teams = await api.get<Team[]>('/teams');
  return Promise.all(teams.map(async (team) => ({ team, apps: await api.get<App[]>(`/teams/${encodeURIComponent(team.id)}/apps`) })));
}

/** The apps of my teams, by team; apps are created on their team's page. */
export function AppsPage() {
  return <RequireMember title="Apps">{(member) => <Apps member={member} />}</RequireMember>;
}

function Apps({ member }: { member: Member }) {
  const view = useResource(loadTeamApps, []);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{member.isAdmin ? 'All apps' : 'My apps'}</h1>
      {view.state === 'loading' && <Loading label="Loading apps" />}
      {view.state === 'error' && <ErrorState error={view.error} retry={view.retry} what="the apps" />}
      {view.state === 'ready' &&
        (view.data.length === 0 ? (
          <Empty title="Apps belong to teams.">
            <p>
              <Link to="/teams">Create or join a team</Link> first, then create its apps there.
            </p>
          </Empty>
        ) : (
          view.data.map(({ team, apps }) => (
            <section key={team.id} aria-labelledby={`team-${team.id}`}>
              <h2 id={`team-${team.id}`}>
                <Link to={`/teams/${encodeURIComponent(team.id)}`}>{team.name}</Link>
              </h2>
              {apps.length === 0 ? (
                <p className="help">No apps yet: create one on the team's page.</p>
              ) : (
                <ul className="key-list" aria-label={`Apps of ${team.name}`}>
                  {apps.map((a) => (
                    <li key={a.id}>
                      <Link to={`/apps/${encodeURIComponent(a.id)}`}>{a.name}</Link>
                      <span className="help">{a.description}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))
        ))}
    </section>
  );
}
