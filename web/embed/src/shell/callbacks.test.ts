import { describe, expect, it, vi } from 'vitest';
import { guardCallback, onceCallback, readPropsOnce } from './callbacks';

describe('callbacks', () => {
  it('a callback that throws or rejects never reaches the flow that called it', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => guardCallback('onFinish', () => { throw new Error('host bug'); })()).not.toThrow();
      guardCallback('onFinish', () => Promise.reject(new Error('async host bug')))();
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(error).toHaveBeenCalledTimes(2);
    } finally {
      error.mockRestore();
    }
  });

  it('a missing callback is a no-op, and a once-only one fires once', () => {
    expect(() => guardCallback('onClose', undefined)()).not.toThrow();
    const calls: number[] = [];
    const once = onceCallback('onFinish', (n: number) => void calls.push(n));
    once(1);
    once(2);
    expect(calls).toEqual([1]);
  });

  it('props are read once: later changes to the object change nothing', () => {
    const props = { companyId: 'a' };
    const read = readPropsOnce(props);
    props.companyId = 'b';
    expect(read.companyId).toBe('a');
  });
});
