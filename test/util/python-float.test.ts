import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pythonFloat } from '../../src/util/python-float.ts';

const SAMPLES = [
  28680, 93070.7, 4145.572039, 0.125716, 1.341022, 11.060112, 1e16, 9999999999999998, 1.5e-5, 0.0001, 0.00012345, 123456789012345.6,
  1e22, 5e-324, -3.25, 75.69540000000001, 100, 0.1 + 0.2, 3062.72, 1650.43,
];

describe('pythonFloat', () => {
  it('prints what Python repr() prints', () => {
    const python = execFileSync('python3', ['-c', `import sys\nfor x in sys.argv[1:]: print(repr(float(x)))`, ...SAMPLES.map(String)], { encoding: 'utf8' });
    expect(SAMPLES.map(pythonFloat)).toEqual(python.trim().split('\n'));
  });

  it('handles zero, negative zero and non-finite values', () => {
    expect([0, -0, Number.NaN, Infinity, -Infinity].map(pythonFloat)).toEqual(['0.0', '-0.0', 'nan', 'inf', '-inf']);
  });
});
