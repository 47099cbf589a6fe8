// `npm start -- --demo`, as a user runs it: keys are created through the API, the sample parcels get the
// customs responses their risks call for, and the demo's webhook receiver verifies each delivery's signature.
import { RISK_SAMPLES } from '../fixtures/risk-declarations';
import { type ChildRuntime, startChildRuntime } from '../helpers/child-runtime';
import { waitFor } from '../helpers/wait';

jest.setTimeout(90_000);

let child: ChildRuntime | undefined;
afterAll(async () => {
  await child?.stop();
});

it('prints each sample parcel with its expected customs response, and signed webhooks that verify', async () => {
  // act
  child = await startChildRuntime({ adminKey: 'ead_demo_admin_key_for_tests_0001', args: ['--demo'] });
  await waitFor(async () => /Try: curl/.test(child!.output()), 'the demo to finish', 60_000, 200);
  await waitFor(async () => (child!.output().match(/signature verified/g) ?? []).length >= 5, 'five verified webhooks', 20_000, 200);

  // assess
  const out = child.output();
  for (const [name, sample] of Object.entries(RISK_SAMPLES)) {
    expect(out).toMatch(new RegExp(`^\\s+${name}\\s+${sample.declaration().itemId}\\s+${sample.expected}\\b`, 'm'));
  }
  expect(out).toMatch(/platform demo-shop: ead_\S+/);
  expect(out).not.toMatch(/refused:/);
  // Post FR sees the parcels to or from FR: every sample but the one to ES.
  const delivered = [...out.matchAll(/webhook ← customs\.response\.issued (\S+) (\S+) \(#\d+, signature verified\)/g)].map((m) => m[1]);
  expect(new Set(delivered)).toEqual(
    new Set(
      Object.values(RISK_SAMPLES)
        .map((s) => s.declaration())
        .filter((d) => d.destinationCountry === 'FR' || d.originCountry === 'FR')
        .map((d) => d.itemId),
    ),
  );
});
