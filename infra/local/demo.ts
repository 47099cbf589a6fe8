// `npm start -- --demo`: seeds keys for a platform, a post and a customs authority through the API,
// subscribes a webhook receiver for the post (it verifies every signature with the standardwebhooks library),
// sends the sample parcels (clean and risky) and prints the customs response each one gets.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { RISK_SAMPLES } from '#shared/demo/samples';

/** A receiver on 127.0.0.1 that checks each delivery's signature and prints it. Closed with the runtime's process. */
async function startReceiver(print: (line: string) => void): Promise<{ url: string; server: Server; setSecret(secret: string): void; received: () => number }> {
  let verifier: Webhook | undefined;
  let count = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const event = verifier!.verify(body, req.headers as Record<string, string>) as { type: string; data: { itemId: string; status: string; sequence: number } };
        count++;
        print(`  webhook ← ${event.type} ${event.data.itemId} ${event.data.status} (#${event.data.sequence}, signature verified)`);
        res.writeHead(204).end();
      } catch (err) {
        print(`  webhook ← refused: ${(err as Error).message}`);
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/customs`, server, setSecret: (s) => (verifier = new Webhook(s)), received: () => count };
}

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
  // One link per role: the fragment only labels the sign-in page; the key is pasted there, never put in a URL.
  print("\nConsole (open the link, paste that role's key):");
  for (const role of ['customs FR', 'post FR', 'platform demo-shop', 'admin']) print(`  ${role.padEnd(19)} ${url}/console#as=${encodeURIComponent(role)}`);
  const receiver = await startReceiver(print);
  const sub = await call(url, keys.post, 'POST', '/v1/webhooks', { url: receiver.url, events: ['customs.response.issued'], description: 'demo receiver of post FR' });
  if (sub.status !== 201) throw new Error(`could not subscribe the demo receiver: ${sub.status} ${JSON.stringify(sub.body)}`);
  receiver.setSecret(sub.body.secret);
  print(`\nWebhook ${sub.body.id} of post FR → ${receiver.url} (customs.response.issued)`);
  // Read with the admin key: like customs, admin sees the risk reasoning (score and reasons); the platform would not.
  print('\nSample parcels (as customs and admin see them):');
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
      parcel = (await call(url, adminKey, 'GET', `/v1/parcels/${d.itemId}`)).body;
    } while (parcel?.status === 'RECEIVED' && Date.now() < deadline);
    const reasons = (parcel?.customsResponse?.reasons ?? []).slice(0, 2).join('; ');
    print(`  ${name.padEnd(22)} ${String(d.itemId).padEnd(14)} ${String(parcel?.status).padEnd(22)} score ${String(parcel?.assessment?.score ?? '-').padStart(3)}  ${reasons}`);
  }
  // Deliveries arrive asynchronously; give them a moment so the demo shows them.
  const until = Date.now() + 5_000;
  while (receiver.received() === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  print(`\nTry: curl -H "Authorization: Bearer ${keys.platform}" ${url}/v1/parcels`);
  return keys;
}
