import { normaliseItemId, s10CheckDigit, s10Error } from '#shared/ead/index';

describe('S10 item identifiers', () => {
  it.each(['EE473124829US', 'RR287043775IN', 'CP719248650DE', 'LX806576725TW'])('%s is valid', (id) => {
    expect(s10Error(id)).toBeUndefined();
  });

  it.each([
    ['EE473124828US', 'INVALID_S10_CHECK_DIGIT'],
    ['RR287043770IN', 'INVALID_S10_CHECK_DIGIT'],
    ['CP719248655DE', 'INVALID_S10_CHECK_DIGIT'],
    ['JA473124829US', 'INVALID_S10_SERVICE_INDICATOR'],
    ['KA473124829US', 'INVALID_S10_SERVICE_INDICATOR'],
    ['EE473124829XX', 'INVALID_S10_COUNTRY'],
    ['EE47312482US', 'INVALID_S10_FORMAT'],
    ['EE4731248290US', 'INVALID_S10_FORMAT'],
    ['E1473124829US', 'INVALID_S10_FORMAT'],
    ['', 'INVALID_S10_FORMAT'],
  ])('%s is invalid: %s', (id, code) => {
    expect(s10Error(id)?.code).toBe(code);
  });

  it('computes the check digit with weights 8,6,4,2,3,5,9,7, mapping 10 to 0 and 11 to 5', () => {
    expect(s10CheckDigit('47312482')).toBe(9);
    // sum 0 → 11 - 0 = 11 → 5
    expect(s10CheckDigit('00000000')).toBe(5);
    // last digit 8 × weight 7 = 56 ≡ 1 (mod 11) → 11 - 1 = 10 → 0
    expect(s10CheckDigit('00000008')).toBe(0);
  });

  it('normalises spaces and case before checking', () => {
    expect(normaliseItemId(' cp 719 248 650 de ')).toBe('CP719248650DE');
    expect(s10Error(normaliseItemId('ee 473124829 us'))).toBeUndefined();
  });
});
