// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import bans that keep DESIGN.md §4's dependency direction true: cli, slack, scheduling → app → audit, remediation ← aws. */
const sdkPatterns = ['@aws-sdk/*', '@smithy/*', '@slack/*', 'better-sqlite3', 'pino', 'croner'];
const layer = (from, banned, extra = []) => ({
  files: [`src/${from}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...banned.map((dir) => ({
            group: [`**/${dir}/*`, `**/${dir}`],
            message: `src/${from} must not import src/${dir} (DESIGN.md §4 dependency direction).`,
          })),
          ...(extra.length
            ? [{ group: extra, message: `src/${from} is pure: no SDK or I/O library imports.` }]
            : []),
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'data/**', 'src/sandbox/playground/static/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  layer('audit', ['aws', 'slack', 'app', 'cli', 'scheduling', 'store', 'sandbox', 'remediation', 'config', 'logging'], sdkPatterns),
  layer('remediation', ['aws', 'slack', 'app', 'cli', 'scheduling', 'store', 'sandbox', 'config', 'logging'], sdkPatterns),
  layer('aws', ['slack', 'app', 'cli', 'scheduling', 'store', 'sandbox']),
  layer('slack', ['aws', 'cli', 'sandbox']),
  layer('scheduling', ['aws', 'cli', 'sandbox']),
  layer('cli', ['aws', 'slack']),
  {
    files: ['src/cli/**/*.ts', 'src/sandbox/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
);
