import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test/fixtures/**',
      'examples/**',
      '.cache/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
    },
  },
  {
    // Git runs only through the hardened client (src/git/git-client.ts, docs/git-hardening.md),
    // and processes start only in src/git/process.ts: no other module may import child_process.
    // The one exception, src/io/scan-process.ts, starts node itself (process.execPath) on this
    // tool's own entry, never a program or path from the scanned repository. Listed before the
    // pure-core block, whose stricter setting of the same rule wins for the core folders.
    files: ['src/**/*.ts'],
    ignores: ['src/git/process.ts', 'src/io/scan-process.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@actions/exec', 'simple-git', 'execa'],
              message: 'Run git through the GitClient (src/git/git-client.ts).',
            },
          ],
          paths: [
            {
              name: 'node:child_process',
              message: 'Run git through the GitClient (src/git/git-client.ts).',
            },
            {
              name: 'child_process',
              message: 'Run git through the GitClient (src/git/git-client.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // The pure core never does I/O: git, fs, processes and @actions/* live at the edges.
    files: [
      'src/core/**',
      'src/dotenv/**',
      'src/secrets/**',
      'src/settings/**',
      'src/report/**',
      'src/hardening/**',
      'src/dependencies/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@actions/*', 'simple-git', '@octokit/*'],
              message:
                'I/O belongs at the edge (src/io, src/git, src/github, src/action, src/cli).',
            },
          ],
          paths: [
            { name: 'node:fs', message: 'Pure core: take a RepoFiles instead.' },
            { name: 'node:fs/promises', message: 'Pure core: take a RepoFiles instead.' },
            { name: 'node:child_process', message: 'Pure core: no processes.' },
            { name: 'fs', message: 'Pure core: take a RepoFiles instead.' },
            { name: 'child_process', message: 'Pure core: no processes.' },
          ],
        },
      ],
    },
  },
  {
    // The repository under scan is read only through the confined reader (src/io); files the
    // workflow names and every output file go through src/io too (redacted). Git's own files
    // are read by the git client. (A rule of its own name, so it adds to the pure-core rule
    // above instead of replacing it.)
    files: ['src/**'],
    ignores: ['src/io/**', 'src/git/**', 'src/history/cache-file.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['node:fs', 'node:fs/promises', 'fs', 'fs/promises'].map((name) => ({
            name,
            message:
              'Read through src/io/confined-reader.ts (the repository) or src/io/output-files.ts (workflow files, redacted outputs).',
          })),
        },
      ],
    },
  },
  {
    // Everything the action prints goes through the run's redactor (src/action/channels.ts);
    // only the inputs module reads inputs.
    files: ['src/**'],
    ignores: ['src/action/channels.ts', 'src/action/inputs.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='@actions/core']",
          message: 'Print through src/action/channels.ts (redacted).',
        },
      ],
    },
  },
  {
    // expect.objectContaining() and friends are typed `any` by vitest: asymmetric matchers are
    // the point of those assertions, not an unsafe value.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
