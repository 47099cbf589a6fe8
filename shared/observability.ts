// Structured logs (Powertools Logger): one JSON line per event, never a declaration body
// (declarations carry names, addresses and phone numbers).
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ead-pipeline' });
