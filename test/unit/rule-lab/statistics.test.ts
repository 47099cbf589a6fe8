import { median, proportion, share, wilson } from '#shared/rule-lab/statistics';

describe('the Wilson score interval', () => {
  it('8 found in 10 outcomes: 0.490 to 0.943 (by hand: centre (0.8 + z²/20) / (1 + z²/10), half-width z/(1 + z²/10) · √(0.016 + z²/400))', () => {
    const i = wilson(8, 10)!;
    expect(i.low).toBeCloseTo(0.4902, 4);
    expect(i.high).toBeCloseTo(0.9433, 4);
  });

  it('0 in 10 starts at 0 and reaches 0.278; 10 in 10 mirrors it', () => {
    expect(wilson(0, 10)!.low).toBe(0);
    expect(wilson(0, 10)!.high).toBeCloseTo(0.2775, 4);
    expect(wilson(10, 10)!.low).toBeCloseTo(1 - 0.2775, 4);
    expect(wilson(10, 10)!.high).toBe(1);
  });

  it('1 in 1: wide, as one inspection should be (0.207 to 1)', () => {
    expect(wilson(1, 1)!.low).toBeCloseTo(0.2065, 4);
  });

  it('has no interval without outcomes, nor for impossible counts', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(3, 2)).toBeNull();
    expect(proportion(0, 0)).toEqual({ rate: null, interval: null });
  });

  it('found rate is found / outcomes', () => {
    expect(proportion(3, 4).rate).toBe(0.75);
    expect(share(1, 4)).toBe(0.25);
    expect(share(1, 0)).toBeNull();
  });
});

describe('the median', () => {
  it('is the middle value of an odd count, the mean of the middle two of an even one, whatever the order', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });
});
