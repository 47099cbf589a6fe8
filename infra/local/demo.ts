// `npm start -- --demo`: seeds keys for a platform, a post and a customs authority through the API,
// sends the sample parcels (clean and risky) and prints the customs response each one gets.
import { RISK_SAMPLES } from '../../test/fixtures/risk-declarations';

interface Keys {
  platform: string;
  post: string;
  customs: string;
}

async function call(url: string, key: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url + path, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export async function runDemo(url: string, adminKey: string, print: (line: string) => void = console.log): Promise<Keys> {
  const mk = async (request: object) => {
    const r = await call(url, adminKey, 'POST', '/v1/admin/api-keys', request);
    if (r.status !== 201) throw new Error(`could not create a demo key: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.key as string;
  };
  const keys: Keys = { platform: await mk({ role: 'platform', tenantId: 'demo-shop' }), post: await mk({ role: 'post', country: 'FR' }), customs: await mk({ role: 'customs', country: 'FR' }) };
  print('\nDemo keys (shown once):');
  print(`  platform demo-shop: ${keys.platform}`);
  print(`  post FR:            ${keys.post}`);
  print(`  customs FR:         ${keys.customs}`);
  print('\nSample parcels:');
  for (const [name, sample] of Object.entries(RISK_SAMPLES)) {
    const d = sample.declaration();
    const submitted = await call(url, keys.platform, 'POST', '/v1/parcels', d);
    if (submitted.status >= 300) {
      print(`  ${name.padEnd(22)} ${submitted.status} ${submitted.body?.code ?? ''}`);
      continue;
    }
    const deadline = Date.now() + 20_000;
    let parcel: any;
    do {
      await new Promise((r) => setTimeout(r, 100));
      parcel = (await call(url, keys.platform, 'GET', `/v1/parcels/${d.itemId}`)).body;
    } while (parcel?.status === 'RECEIVED' && Date.now() < deadline);
    const reasons = (parcel?.customsResponse?.reasons ?? []).slice(0, 2).join('; ');
    print(`  ${name.padEnd(22)} ${String(d.itemId).padEnd(14)} ${String(parcel?.status).padEnd(22)} score ${String(parcel?.assessment?.score ?? '-').padStart(3)}  ${reasons}`);
  }
  print(`\nTry: curl -H "Authorization: Bearer ${keys.platform}" ${url}/v1/parcels`);
  return keys;
}
