// opaAuth (api form) → modules inlined from ConfigMaps (every data value is a module).
import type { OpaAuth } from '@portico/api';
import type { OpaAuthConfig } from '@portico/ext-auth/config';
import { configMapData, type Resolved } from '../refs.ts';
import type { TranslationContext } from '../../translate/stage.ts';

export function translateOpa(o: OpaAuth, ns: string, ctx: TranslationContext): Resolved<OpaAuthConfig> {
  const modules: Record<string, string> = {};
  for (const ref of o.modules ?? []) {
    const data = configMapData(ctx, ref.namespace || ns, ref.name);
    if (!data.ok) return data;
    Object.assign(modules, data.value);
  }
  return { ok: true, value: { modules, query: o.query, options: o.options } };
}
