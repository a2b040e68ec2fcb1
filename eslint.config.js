// ESLint, flat config: a small rule set for what code reviews kept finding — promises nobody awaits or handles,
// unused code, files past the size budget (style.md: under 600 lines), and eslint-disable comments without a
// reason (`// eslint-disable-next-line rule -- why`). Type-aware rules read the packages' tsconfig files.
import comments from '@eslint-community/eslint-plugin-eslint-comments';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['**/node_modules/**', '**/dist/**', 'test-artifacts/**', 'bench/results/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        // Files no tsconfig includes (the Backstage example is type-checked through the module's own tsconfig).
        projectService: { allowDefaultProject: ['examples/backstage/src/*.ts', 'examples/backstage/legacy/*.ts', 'packages/portal-ui/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, '@eslint-community/eslint-comments': comments },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }],
      }],
      '@typescript-eslint/no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      'max-lines': ['error', { max: 600 }],
      '@eslint-community/eslint-comments/require-description': 'error',
    },
  },
);
