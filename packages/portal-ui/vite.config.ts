import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is served by the portal server at the portal's domain root; /v1 is the portal API on the same origin,
// so the dev server proxies it to a running `npm start`.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000, sourcemap: false },
  server: { proxy: { '/v1': { target: 'http://portal.localhost:8080', changeOrigin: false } } },
});
