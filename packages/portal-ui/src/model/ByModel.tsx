import type { ReactNode } from 'react';
import { Loading } from '../components/States.tsx';
import { usePortalModel } from './portal-model.tsx';

/** The teams-and-apps page on such portals, the usage-plans page otherwise (also while the model is unknown). */
export function ByModel({ usagePlans, teamsAndApps }: { usagePlans: ReactNode; teamsAndApps: ReactNode }) {
  const { model } = usePortalModel();
  if (model === null) return <Loading label="Loading this portal" />;
  return <>{model === 'teams-and-apps' ? teamsAndApps : usagePlans}</>;
}
