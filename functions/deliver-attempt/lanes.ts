// The lanes' dependencies are built in the wiring (shared/wiring.ts) like every other; this re-export keeps the
// importers (deliver, deliver-attempt/consumer.ts, owned by another change) unchanged until they import the wiring.
export { fanOutDeps, laneDeps } from '../../shared/wiring';
