// OPA builtins Portico's engine does not implement, each with the reason. The compiler reports calls to
// them as unsupported (not unknown), and the conformance runner skips cases that use them.
export const skippedBuiltins: ReadonlyMap<string, string> = new Map([
  ['http.send', 'needs the network: makes an outbound HTTP request'],
  ['net.lookup_ip_addr', 'needs the network: resolves a host name through DNS'],
  ['opa.runtime', "needs OPA's runtime: returns the OPA process's configuration and environment"],
  ['providers.aws.sign_req', 'signs requests for http.send (AWS SigV4), which needs the network; left out with it'],
]);
