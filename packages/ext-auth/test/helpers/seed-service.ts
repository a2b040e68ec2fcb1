// The seed's AuthConfig (JWT access token + OPA scope policy) on a real AuthService, with a local issuer.
import { readFileSync } from 'node:fs';
import { PorticoAuthService } from '../../src/service/auth-service.ts';
import type { AuthLogger } from '../../src/pipeline/deps.ts';
import { silentLogger } from '../../src/pipeline/deps.ts';
import { makeIssuer, type TestIssuer } from './tokens.ts';

export const SEED_CONFIG_ID = 'gloo-mesh-addons.oauth-okta';
export const SEED_REGO = readFileSync(new URL('../__fixtures__/oauth-scope-apiproduct.rego', import.meta.url), 'utf8');

export async function seedService(logger: AuthLogger = silentLogger): Promise<{ svc: PorticoAuthService; issuer: TestIssuer }> {
  const issuer = await makeIssuer('seed-key');
  const svc = new PorticoAuthService({ logger });
  svc.update(
    new Map([
      [
        SEED_CONFIG_ID,
        {
          configId: SEED_CONFIG_ID,
          state: 'ACCEPTED',
          fingerprint: 'seed',
          spec: {
            configs: [
              { kind: 'accessTokenValidation', name: 'config_0', config: { jwt: { localJwks: { inlineString: JSON.stringify(issuer.jwks) }, issuer: 'http://localhost:9000' } } },
              { kind: 'opaAuth', name: 'config_1', config: { modules: { 'gloo-mesh-addons.oauth-scope-apiproduct-opa-cm.policy.rego': SEED_REGO }, query: 'data.test.allow == true' } },
            ],
            booleanExpr: null,
            failOnRedirect: false,
          },
        },
      ],
    ]),
  );
  return { svc, issuer };
}
