// One RemoteJwks per (url, options), shared by every AuthConfig that names it and closed when the last one
// is released — so a config update does not refetch keys, and N configs do not poll one IdP N times.
import { RemoteJwks, type RemoteJwksDeps, type RemoteJwksOptions } from './remote-jwks.ts';

export interface JwksHandle {
  jwks: RemoteJwks;
  release(): void;
}

export class JwksRegistry {
  private readonly shared = new Map<string, { jwks: RemoteJwks; refs: number }>();
  private readonly deps: RemoteJwksDeps;

  constructor(deps: RemoteJwksDeps) {
    this.deps = deps;
  }

  acquire(options: RemoteJwksOptions): JwksHandle {
    const key = JSON.stringify(options);
    let e = this.shared.get(key);
    if (!e) {
      e = { jwks: new RemoteJwks(options, this.deps), refs: 0 };
      this.shared.set(key, e);
      e.jwks.start();
    }
    e.refs++;
    const entry = e;
    let released = false;
    return {
      jwks: entry.jwks,
      release: () => {
        if (released) return;
        released = true;
        if (--entry.refs === 0) {
          entry.jwks.close();
          this.shared.delete(key);
        }
      },
    };
  }

  close(): void {
    for (const e of this.shared.values()) e.jwks.close();
    this.shared.clear();
  }
}
