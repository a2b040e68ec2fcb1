import { Link, useNavigate, useParams } from 'react-router';
import { describeRateLimit, type App, type Member, type Team } from '../api/apps-types.ts';
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorState, Loading } from '../components/States.tsx';
import { AppCredentials } from './AppCredentials.tsx';
import { AppSubscriptions } from './AppSubscriptions.tsx';
import { MetadataForm } from './MetadataForm.tsx';
import { EditOrDelete } from './EditOrDelete.tsx';
import { RequireMember } from './RequireMember.tsx';
import { useAction } from './useAction.ts';

export const appPath = (id: string) => `/apps/${encodeURIComponent(id)}`;

/** One app: edit, delete, its API keys and OAuth credential, its subscriptions; admins set metadata and limits. */
export function AppPage() {
  const { appId = '' } = useParams();
  return <RequireMember title="App">{(member) => <AppView appId={appId} me={member} />}</RequireMember>;
}

interface AppWithTeam {
  app: App;
  team: Team | null;
}

async function loadApp(appId: string): Promise<AppWithTeam> {
  const app = await api.get<App>(appPath(appId));
  const team = await api.get<Team>(`/teams/${encodeURIComponent(app.teamId)}`).catch(() => null);
  return { app, team };
}

function AppView({ appId, me }: { appId: string; me: Member }) {
  const view = useResource(() => loadApp(appId), [appId]);
  const navigate = useNavigate();
  const meta = useAction();
  if (view.state === 'loading') return <Loading label="Loading the app" />;
  if (view.state === 'error') return <ErrorState error={view.error} retry={view.retry} what="the app" />;
  const { app, team } = view.data;

  return (
    <article aria-labelledby="app-title">
      <p className="breadcrumb">
        <Link to="/apps">Apps</Link> / {team && <Link to={`/teams/${encodeURIComponent(team.id)}`}>{team.name}</Link>} / {app.name}
      </p>
      <h1 id="app-title">{app.name}</h1>
      {app.description && <p>{app.description}</p>}
      <p className="meta">
        <span>Rate limit: {describeRateLimit(app.metadata?.rateLimit)}</span>
      </p>
      <EditOrDelete
        what="app"
        name={app.name}
        description={app.description}
        save={async (v) => (await api.put(appPath(appId), v), view.reload())}
        remove={() => api.del(appPath(appId))}
        onDeleted={() => void navigate(team ? `/teams/${encodeURIComponent(team.id)}` : '/apps')}
        deleteWarning={`"${app.name}" goes with its API keys, OAuth client and subscriptions: requests using them are refused within a second.`}
      />
      {me.isAdmin && (
        <MetadataForm
          key={app.metadata?.id ?? 'none'}
          title="App metadata and rate limit (admins)"
          initial={app.metadata}
          busy={meta.busy}
          error={meta.error}
          onSave={(v) => meta.run(async () => (await api.post(`${appPath(appId)}/metadata`, { appId, ...v }), view.reload()))}
        />
      )}
      <AppCredentials appId={appId} appName={app.name} admin={me.isAdmin === true} />
      <AppSubscriptions appId={appId} me={me} />
    </article>
  );
}
