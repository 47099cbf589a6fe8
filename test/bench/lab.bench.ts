// The rule lab's figures: what-if replay throughput (./lab-replay.ts).
import { runReplayBench } from './lab-replay';

export async function run(): Promise<void> {
  await runReplayBench();
}
