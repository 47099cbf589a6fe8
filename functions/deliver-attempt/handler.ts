// deliver-attempt: consumes the webhook-attempts queue (the fast lane), with high concurrency and a short
// budget per POST: an endpoint that has not answered by then is handed to the slow lane
// (deliver-attempt-slow), so a hanging endpoint cannot keep these consumers from healthy ones.
import { attemptConsumer } from './consumer';

export const handler = attemptConsumer('fast');
