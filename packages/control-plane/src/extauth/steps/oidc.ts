// oauth2.oidcAuthorizationCode (api form) → the ext-auth step config: client secret and cipher key inlined
// from their Secrets, references dropped (the step's schema takes values, not references).
import type { TranslationContext } from '../../translate/stage.ts';
import { secretValue, type Resolved } from '../refs.ts';

export function translateOidc(o: Record<string, unknown>, ns: string, ctx: TranslationContext): Resolved<Record<string, unknown>> {
  const { clientSecretRef, clientAuthentication, session, ...rest } = o as {
    clientSecretRef?: { name: string; namespace?: string };
    clientAuthentication?: { clientSecret?: { clientSecretRef?: { name: string; namespace?: string }; disableClientSecret?: boolean } };
    session?: Record<string, unknown> & { cipherConfig?: { keyRef?: { name: string; namespace?: string } } };
  } & Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  delete out.discoveryOverride;
  delete out.jwksCacheRefreshPolicy;
  delete out.autoMapFromMetadata;
  delete out.sessionIdHeaderName;
  delete out.frontChannelLogout;
  const ref = clientAuthentication?.clientSecret?.clientSecretRef ?? clientSecretRef;
  if (clientAuthentication?.clientSecret?.disableClientSecret) out.disableClientSecret = true;
  if (ref) {
    const s = secretValue(ctx, ref.namespace || ns, ref.name, ['client-secret', 'clientSecret']);
    if (!s.ok) return s;
    out.clientSecret = s.value;
  }
  if (session) {
    const { cipherConfig, ...sess } = session;
    const copy: Record<string, unknown> = { ...sess };
    if (cipherConfig?.keyRef) {
      const k = secretValue(ctx, cipherConfig.keyRef.namespace || ns, cipherConfig.keyRef.name, ['key']);
      if (!k.ok) return k;
      copy.cipherConfig = { key: k.value };
    }
    out.session = copy;
  }
  return { ok: true, value: out };
}
