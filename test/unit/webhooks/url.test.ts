import { classifyAddress } from '#shared/webhooks/address';
import { type Resolver, classifyWebhookUrl, vetWebhookTarget } from '#shared/webhooks/url';

const cloud = { allowLoopback: false };
const local = { allowLoopback: true };
/** Tests never resolve real names: a fixed table stands in for DNS. */
const fakeDns =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    const found = table[host];
    if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

describe('address classes', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['169.254.0.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fd00:ec2::254', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['0.1.2.3', 'reserved'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['2001:db8::1', 'reserved'],
    // IPv6 forms that carry an IPv4 address are judged by it
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:0:192.168.0.1', 'private'],
    ['::10.0.0.1', 'private'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['2002:0a00:0001::1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['2606:4700::1111', 'public'],
  ])('%s is %s', (address, cls) => {
    expect(classifyAddress(address)?.cls).toBe(cls);
  });

  it('accepts brackets and refuses what is not an IP literal', () => {
    expect(classifyAddress('[::1]')?.cls).toBe('loopback');
    expect(classifyAddress('example.com')).toBeUndefined();
    expect(classifyAddress('1.2.3.256')).toBeUndefined();
  });
});

describe('webhook URLs when subscribing', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data', 'WEBHOOK_URL_NOT_HTTPS'],
    ['https://169.254.169.254/latest/meta-data', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://10.0.0.1/hook', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://172.20.1.1/hook', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://192.168.0.10/hook', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://100.64.1.1/hook', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://[fd00:ec2::254]/', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://[fe80::1]/', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://[fc00::1]/', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://[::ffff:169.254.169.254]/', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://[::ffff:10.0.0.1]/', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://[::]/', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://0.0.0.0/', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    // WHATWG URL parsing turns odd IPv4 spellings into dotted quads before they are judged
    ['https://2852039166/', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://0xa9.0xfe.0xa9.0xfe/', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://017700000001/', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://127.0.0.1/', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://[::1]/', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://localhost/', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://api.localhost/', 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['http://hooks.example.com/', 'WEBHOOK_URL_NOT_HTTPS'],
    ['http://127.0.0.1:8080/', 'WEBHOOK_URL_NOT_HTTPS'],
    ['ftp://hooks.example.com/', 'WEBHOOK_URL_NOT_HTTPS'],
    ['file:///etc/passwd', 'WEBHOOK_URL_NOT_HTTPS'],
    ['https://user:pw@hooks.example.com/', 'WEBHOOK_URL_INVALID'],
    ['not a url', 'WEBHOOK_URL_INVALID'],
  ])('in the cloud, %s is refused with %s', (url, code) => {
    const v = classifyWebhookUrl(url, cloud);
    expect(v).toMatchObject({ ok: false, code });
  });

  it('allows https host names and public addresses', () => {
    for (const url of ['https://hooks.example.com/ead', 'https://hooks.example.com:8443/x?y=1', 'https://8.8.8.8/', 'https://[2606:4700::1111]/']) expect(classifyWebhookUrl(url, cloud).ok).toBe(true);
  });

  it('allows http and https to loopback only when the local runtime says so, and never private addresses', () => {
    for (const url of ['http://127.0.0.1:4000/hook', 'http://[::1]:4000/', 'http://localhost:4000/', 'https://127.0.0.1/']) expect(classifyWebhookUrl(url, local).ok).toBe(true);
    expect(classifyWebhookUrl('http://10.0.0.1/', local)).toMatchObject({ ok: false, code: 'WEBHOOK_URL_NOT_HTTPS' });
    expect(classifyWebhookUrl('https://10.0.0.1/', local)).toMatchObject({ ok: false, code: 'WEBHOOK_URL_FORBIDDEN_ADDRESS' });
    expect(classifyWebhookUrl('http://example.com/', local)).toMatchObject({ ok: false, code: 'WEBHOOK_URL_NOT_HTTPS' });
  });
});

describe('webhook targets at delivery (fresh DNS answers)', () => {
  const dns = fakeDns({
    'hooks.example.com': ['93.184.216.34', '2606:2800:220:1::1'],
    'rebound.example.com': ['93.184.216.34', '10.0.0.7'],
    'metadata.example.com': ['169.254.169.254'],
    'mapped.example.com': ['::ffff:127.0.0.1'],
    localhost: ['127.0.0.1', '::1'],
  });

  it('connects to a vetted address of an allowed host', async () => {
    await expect(vetWebhookTarget('https://hooks.example.com/ead', cloud, dns)).resolves.toMatchObject({ ok: true, hostname: 'hooks.example.com', address: '93.184.216.34', family: 4 });
  });

  it('refuses a host when any of its addresses is not allowed', async () => {
    await expect(vetWebhookTarget('https://rebound.example.com/', cloud, dns)).resolves.toMatchObject({ ok: false, code: 'WEBHOOK_URL_FORBIDDEN_ADDRESS' });
    await expect(vetWebhookTarget('https://metadata.example.com/', cloud, dns)).resolves.toMatchObject({
      ok: false,
      code: 'WEBHOOK_URL_FORBIDDEN_ADDRESS',
      detail: expect.stringContaining('metadata'),
    });
    await expect(vetWebhookTarget('https://mapped.example.com/', cloud, dns)).resolves.toMatchObject({ ok: false, code: 'WEBHOOK_URL_FORBIDDEN_ADDRESS' });
  });

  it('refuses a host that does not resolve', async () => {
    await expect(vetWebhookTarget('https://nowhere.example.com/', cloud, dns)).resolves.toMatchObject({ ok: false, code: 'WEBHOOK_URL_UNRESOLVABLE' });
  });

  it('takes IP literals as they are, without resolving', async () => {
    const never: Resolver = async () => {
      throw new Error('must not resolve');
    };
    await expect(vetWebhookTarget('http://127.0.0.1:4000/', local, never)).resolves.toMatchObject({ ok: true, address: '127.0.0.1' });
    await expect(vetWebhookTarget('http://localhost:4000/', local, dns)).resolves.toMatchObject({ ok: true });
  });
});
