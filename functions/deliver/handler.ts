// deliver: one attempt of one event to one subscription. Two lanes, one consumer: `handler` consumes the deliver
// queue (the fast lane, high concurrency, a short budget per POST); an endpoint that has not answered within it is
// handed to the slow lane, whose consumer `slowHandler` (function deliver-slow) gives it the full 15 s (CONTRACT
// section 5). So a hanging endpoint cannot keep the fast lane from healthy ones.
import { deliverConsumer } from './consumer';

export const handler = deliverConsumer('fast');
export const slowHandler = deliverConsumer('slow');
