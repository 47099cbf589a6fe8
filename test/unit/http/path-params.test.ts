// Path parameters are decoded once, by the router (as API Gateway HTTP API does), and read as they are by handlers.
import fc from 'fast-check';
import { Router } from '#infra/local/routes';
import type { RouteDef } from '#infra/topology-types';
import { MAX_PATH_PARAMETER_LENGTH, itemIdParam, pathParam } from '#shared/http/api';

const routes: RouteDef[] = [
  { method: 'GET', path: '/v1/parcels/{itemId}', function: 'api', auth: 'apiKey' },
  { method: 'POST', path: '/v1/parcels/{itemId}/decisions', function: 'api', auth: 'apiKey' },
  { method: 'GET', path: '/v1/webhooks/{id}', function: 'webhooks', auth: 'apiKey' },
];
const router = new Router(routes);

describe('the local router', () => {
  it.each([
    ['/v1/parcels/%25', '%'],
    ['/v1/parcels/%2525', '%25'],
    ['/v1/parcels/a%20b', 'a b'],
    ['/v1/parcels/CP719248650%44E', 'CP719248650DE'],
    ['/v1/parcels/%C3%A9', 'é'],
    ['/v1/parcels/%2F', '/'],
  ])('decodes %s exactly once to %j', (path, value) => {
    expect(router.match('GET', path)?.pathParameters).toEqual({ itemId: value });
  });

  it.each(['%ZZ', '%', 'a%2', '%E9', '%ED%A0%80', '%C3'])('passes the malformed escape %s through as sent', (raw) => {
    expect(router.match('POST', `/v1/parcels/${raw}/decisions`)?.pathParameters).toEqual({ itemId: raw });
  });

  it('never throws on any segment', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('%', '2', '5', 'Z', 'E', 'D', 'a', '0', 'C', '3') }), (seg) => {
        const m = router.match('GET', `/v1/webhooks/${seg}`);
        if (seg === '') expect(m).toBeUndefined();
        else expect(typeof m?.pathParameters?.id).toBe('string');
      }),
    );
  });
});

describe('pathParam', () => {
  it('reads the value as given, without decoding it again', () => {
    expect(pathParam({ id: '%' }, 'id')).toBe('%');
    expect(pathParam({ id: '%ZZ' }, 'id')).toBe('%ZZ');
    expect(pathParam({ id: 'wh_a%20b' }, 'id')).toBe('wh_a%20b');
  });

  it('is undefined when absent, empty or too long, and never throws', () => {
    expect(pathParam({}, 'id')).toBeUndefined();
    expect(pathParam({ id: '' }, 'id')).toBeUndefined();
    expect(pathParam({ id: 'x'.repeat(MAX_PATH_PARAMETER_LENGTH + 1) }, 'id')).toBeUndefined();
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => void pathParam({ id: s }, 'id')));
  });
});

describe('itemIdParam', () => {
  it('normalises a valid S10 identifier as the declaration schema does', () => {
    expect(itemIdParam({ itemId: 'cp 719248650 de' })).toBe('CP719248650DE');
    expect(itemIdParam({ itemId: 'CP719248650DE' })).toBe('CP719248650DE');
  });

  it.each(['%', '%ZZ', ' ', 'CP719248651DE', 'JP719248650DE', '\u0000', 'é'.repeat(40)])('names no parcel for %j', (raw) => {
    expect(itemIdParam({ itemId: raw })).toBeUndefined();
  });

  it('never throws, whatever the value', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => void itemIdParam({ itemId: s })));
  });
});
