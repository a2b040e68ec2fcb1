// What `portico up` prints once everything listens: where each component is and what to try.
export interface Listening {
  admin: string;
  gateway: string;
  gatewayPort: number;
  gatewayScheme: 'http' | 'https';
  idp: string | null;
  petstore: string | null;
  tracks: string | null;
  stateDir: string;
  quickstart: { applied: number; failed: string[] } | null;
  /** The Kubernetes API and the line that points kubectl at it. */
  kubeApi?: { url: string; exportLine: string };
}

export function banner(l: Listening): string {
  const lines = [
    '',
    'Portico is up.',
    '',
    `  gateway          ${l.gateway}`,
    `  admin API        ${l.admin}   (portico get/apply/describe/delete talk to it; Prometheus metrics at /metrics)`,
    ...(l.kubeApi ? [`  Kubernetes API   ${l.kubeApi.url}   (kubectl: ${l.kubeApi.exportLine})`] : []),
    ...(l.idp ? [`  dev IdP          ${l.idp}`] : []),
    ...(l.petstore ? [`  demo petstore    ${l.petstore}`] : []),
    ...(l.tracks ? [`  demo tracks      ${l.tracks}`] : []),
    `  state            ${l.stateDir}`,
  ];
  if (l.quickstart) {
    const host = 'api.example.com';
    const resolve = `--resolve ${host}:${l.gatewayPort}:127.0.0.1`;
    lines.push(
      '',
      `Quickstart: ${l.quickstart.applied} resource(s) applied from examples/quickstart/${l.quickstart.failed.length ? ` (${l.quickstart.failed.length} failed: ${l.quickstart.failed.join('; ')})` : ''}`,
      '',
      'Try (the seed walk-through: the tracks and petstore routes are protected by the OAuth policy of 03-extauth-oidc.yaml):',
      `  curl -i ${resolve} ${l.gatewayScheme}://${host}:${l.gatewayPort}/trackapi/tracks                 # 403 without a token`,
      ...(l.idp
        ? [
            `  export ACCESS_TOKEN=$(npm run -s portico -- token --issuer ${l.idp} --client-id quickstart-client --client-secret quickstart-secret --scope "petstore tracks")`,
            `  curl -H "Authorization: Bearer $ACCESS_TOKEN" ${resolve} ${l.gatewayScheme}://${host}:${l.gatewayPort}/trackapi/tracks`,
            `  curl -H "Authorization: Bearer $ACCESS_TOKEN" ${resolve} ${l.gatewayScheme}://${host}:${l.gatewayPort}/petstore/pet/1`,
          ]
        : []),
      `  npm run portico -- get rt -n gloo-mesh-gateways`,
      `  npm run portico -- get rt -n gloo-mesh-gateways -o=jsonpath='{range .items[*]}[{.metadata.name}, {.spec.http[*].name}, {.spec.http[*].labels}]{"\\n"}{end}'`,
      `  npm run portico -- get extauthpolicy oauth-okta -n gloo-mesh-addons -o yaml`,
      `  npm run portico -- get authconfig -n gloo-mesh-addons -o yaml`,
      `  npm run portico -- describe rt tracks-rt -n gloo-mesh-gateways`,
      ...(l.kubeApi
        ? [
            '',
            'Or with kubectl, as the walkthroughs are written:',
            `  ${l.kubeApi.exportLine}`,
            `  kubectl get rt -n gloo-mesh-gateways -o=jsonpath='{range .items[*]}[{.metadata.name}, {.spec.http[*].name}, {.spec.http[*].labels}]{"\\n"}{end}'`,
            `  kubectl get authconfig -n gloo-mesh-addons -o yaml`,
          ]
        : []),
    );
  }
  lines.push('', 'Press Ctrl+C to stop.', '');
  return lines.join('\n');
}
