// jest projects: unit (pure domain), integration (embedded DynamoDB/SQS), infra (CDK), e2e (the local runtime over HTTP),
// faults (kill -9, a failing webhook receiver, failing DynamoDB and SQS through the fault proxies).
// TypeScript is transformed by swc (type checking is `tsc --noEmit`, run first by `npm test`).
// @middy/* ships ES modules only, so it is transformed too.
const transform = {
  '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};
const common = {
  transform,
  transformIgnorePatterns: ['/node_modules/(?!(@middy)/)'],
  // @middy/* export only an "import" condition; point jest's CommonJS resolver at the files (see infra/local/esm-only.cjs).
  moduleNameMapper: { '^@middy/([a-z0-9-]+)$': '<rootDir>/node_modules/@middy/$1/index.js' },
  testEnvironment: 'node',
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { ...common, displayName: 'fuzz', testMatch: ['<rootDir>/test/fuzz/**/*.test.ts'] },
    { ...common, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.test.ts'] },
  ],
};
