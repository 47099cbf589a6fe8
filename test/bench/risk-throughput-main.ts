// Entry of the bundle ./risk-bundle.ts builds: measures the engine figures and writes them to stdout as JSON.
import { measureThroughput } from './risk-throughput';

process.stdout.write(`${JSON.stringify(measureThroughput())}\n`);
