// The entry of a service thread (service-thread.ts): a worker thread starts with plain Node, whatever loader
// runs the main thread (tsx for npm start, swc under jest), so it registers tsx for the TypeScript of
// service-host.ts, which then starts the one service named in workerData.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('tsx/cjs/api').register();
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./service-host.ts');
