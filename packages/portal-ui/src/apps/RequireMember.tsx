import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Member } from '../api/apps-types.ts';
import { useSession } from '../auth/session.tsx';
import { Empty, Loading } from '../components/States.tsx';
import { usePortalModel } from '../model/portal-model.tsx';

/**
 * Teams-and-apps pages need that model and a signed-in member; each missing piece gets its own explanation.
 * `admin` pages are for portal admins only.
 */
export function RequireMember({ title, admin, children }: { title: string; admin?: boolean; children: (member: Member) => ReactNode }) {
  const { session, login } = useSession();
  const { model, member } = usePortalModel();
  const heading = <h1 id="page-title">{title}</h1>;
  let body: ReactNode;
  if (session.status === 'loading' || model === null) body = <Loading label="Checking this portal" />;
  else if (model !== 'teams-and-apps')
    body = (
      <Empty title="This portal does not use teams and apps.">
        <p>
          Its API keys belong to you and a usage plan: see <Link to="/keys">My API keys</Link>.
        </p>
      </Empty>
    );
  else if (session.status !== 'signed-in')
    body = (
      <Empty title="Log in to manage your teams and apps.">
        <button type="button" className="button button-primary" onClick={login}>
          Log in
        </button>
      </Empty>
    );
  else if (member.status === 'error')
    body = (
      <p className="state state-error" role="alert">
        Could not load your portal account: {member.message}
      </p>
    );
  else if (member.status !== 'ready') body = <Loading label="Loading your portal account" />;
  else if (admin && !member.member.isAdmin) body = <Empty title="This page is for portal admins." />;
  else return <>{children(member.member)}</>;
  return (
    <section aria-labelledby="page-title">
      {heading}
      {body}
    </section>
  );
}
