// ESLint (`npm run lint`): typescript-eslint's type-aware recommended rules over the TypeScript sources. Formatting is
// Prettier's (`npm run format:check`), not ESLint's. Each rule switched off or relaxed below says why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const UNTYPED_JSON = {
  '@typescript-eslint/no-explicit-any': 'off',
  '@typescript-eslint/no-unsafe-argument': 'off',
  '@typescript-eslint/no-unsafe-assignment': 'off',
  '@typescript-eslint/no-unsafe-call': 'off',
  '@typescript-eslint/no-unsafe-member-access': 'off',
  '@typescript-eslint/no-unsafe-return': 'off',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'coverage/', 'console/dist/', 'test-output/', '.data/', '.tmp/', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_name` marks what is left unused on purpose (a field destructured away, a callback's unused argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
      // An async function that implements a Promise-returning port, route or fake needs no await inside.
      '@typescript-eslint/require-await': 'off',
      // The text normalisers (sanctions, risk text) strip control characters on purpose.
      'no-control-regex': 'off',
      // DOM listeners and Node callbacks take async functions that handle their own errors (checked: each has a catch).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, properties: false } }],
    },
  },
  {
    // Tests read untyped JSON (HTTP bodies, CloudFormation templates) and assert its shape; `a && b()` guards are fine there.
    files: ['test/**/*.ts'],
    // Callbacks keep their full signature for the reader; methods are taken off prototypes and fakes on purpose.
    rules: {
      ...UNTYPED_JSON,
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      '@typescript-eslint/no-unused-vars': ['error', { args: 'none', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The local runtime's handles (dynamo, sqs, servers) are objects of closures: their methods use no `this`.
    files: ['infra/local/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Untyped JSON on the wire: the SQS JSON protocol (the journal proxy) and the API's answers (the demo client).
    files: ['infra/local/sqs-journal.ts', 'infra/local/sqs-journal-file.ts', 'infra/local/demo.ts'],
    rules: UNTYPED_JSON,
  },
  {
    // The invoker passes a handler's own rejection on, whatever it is, as Lambda does.
    files: ['infra/local/invoke.ts'],
    rules: { '@typescript-eslint/prefer-promise-reject-errors': 'off' },
  },
  {
    // Evidence values are the API's JSON scalars, shown as text.
    files: ['console/src/cn23-fields.ts', 'console/src/logic/evidence.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    // Issue 14's limits for the sources (not test/): no file over 300 lines, no function over 60.
    files: ['shared/**/*.ts', 'functions/**/*.ts', 'infra/**/*.ts', 'scripts/**/*.ts', 'console/src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 60 }],
    },
  },
  {
    // Data, not logic: the rule tables (dangerous goods, keywords, terms), the default configs and the reference data.
    files: ['shared/risk/config/dangerous-goods.ts', 'shared/risk/config/keywords.ts', 'shared/risk/config/terms.ts', 'shared/risk/config/defaults*.ts', 'shared/reference/**/*.ts'],
    rules: { 'max-lines': 'off', 'max-lines-per-function': 'off' },
  },
);
