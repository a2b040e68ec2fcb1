// The portal model for the page's life (re-detected when the session changes, as a login can reveal products a
// private portal hides), and on teams-and-apps portals the signed-in member as the server stores it: PUT /v1/me
// creates or refreshes it from the token and says whether the user is a portal admin.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../api/client.ts';
import type { Member } from '../api/apps-types.ts';
import { useSession } from '../auth/session.tsx';
import { detectPortalModel, type PortalModel } from './detect.ts';

export type MemberState = { status: 'none' } | { status: 'loading' } | { status: 'ready'; member: Member } | { status: 'error'; message: string };

interface PortalModelValue {
  /** null while detecting. */
  model: PortalModel | null;
  member: MemberState;
}

const PortalModelContext = createContext<PortalModelValue>({ model: null, member: { status: 'none' } });

export function PortalModelProvider({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const [model, setModel] = useState<PortalModel | null>(null);
  const [member, setMember] = useState<MemberState>({ status: 'none' });
  const settled = session.status !== 'loading';

  useEffect(() => {
    if (!settled) return;
    let cancelled = false;
    void detectPortalModel((path) => api.get<unknown>(path)).then((m) => !cancelled && setModel(m));
    return () => {
      cancelled = true;
    };
  }, [settled, session.status]);

  useEffect(() => {
    if (model !== 'teams-and-apps' || session.status !== 'signed-in') {
      setMember({ status: 'none' });
      return;
    }
    let cancelled = false;
    setMember({ status: 'loading' });
    api.put<Member>('/me', undefined).then(
      (m) => !cancelled && setMember({ status: 'ready', member: m }),
      (err: unknown) => !cancelled && setMember({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      cancelled = true;
    };
  }, [model, session.status]);

  return <PortalModelContext.Provider value={{ model, member }}>{children}</PortalModelContext.Provider>;
}

export function usePortalModel(): PortalModelValue {
  return useContext(PortalModelContext);
}
