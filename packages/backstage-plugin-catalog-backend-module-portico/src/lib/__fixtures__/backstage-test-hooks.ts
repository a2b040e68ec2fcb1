// Import FIRST (before @backstage/backend-test-utils): startTestBackend registers its cleanup — stopping every test
// backend, including one whose startup failed and left its HTTP server listening — only when a jest-style global
// `afterAll` exists when the package loads. node:test's root-level `after` is that hook here.
import { after } from 'node:test';

const g = globalThis as { afterAll?: (fn: () => Promise<void>) => void };
g.afterAll ??= (fn) => after(fn);
