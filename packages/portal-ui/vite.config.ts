import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is served by the portal server at the portal's domain root; /v1 is the portal API on the same origin.
// `npm run dev` proxies /v1 to a running `npm start` gateway (PORTICO_GATEWAY, default 127.0.0.1:8080) with the
// portal's Host — Node does not resolve `*.localhost` names the way browsers do, so the target is an address.
// Logging in returns to the portal's own origin (the OIDC appUrl), not to the dev server. The Origin is rewritten
// too: the portal server refuses session-authenticated writes from another origin (CSRF check).
const gateway = process.env.PORTICO_GATEWAY ?? '127.0.0.1:8080';
const port = gateway.split(':')[1] ?? '8080';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000, sourcemap: false },
  server: { proxy: { '/v1': { target: `http://${gateway}`, changeOrigin: false, headers: { host: `portal.localhost:${port}`, origin: `http://portal.localhost:${port}` } } } },
});
