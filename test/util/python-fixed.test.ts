import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pythonFixed, pythonRound } from '../../src/util/python-fixed.ts';

const SAMPLES = [0.212477, 168720, 398.32998477930016, 0.0078125, 2.5, 3.5, 1e22, 1.5e300, 5e-324, -0.0000004, -1.0000005, 123.4567895, 0.1 + 0.2, 1021.3589743589744];

const python = (program: string): string[] =>
  execFileSync('python3', ['-c', `import sys\nfor x in sys.argv[1:]:\n  x = float(x)\n  ${program}`, ...SAMPLES.map(String)], { encoding: 'utf8' }).trim().split('\n');

describe('pythonFixed', () => {
  it('prints what Python "{:f}" prints, ties to even on the exact binary value', () => {
    expect(SAMPLES.map((value) => pythonFixed(value))).toEqual(python('print("{:f}".format(x))'));
  });

  it('handles other precisions and non-finite values', () => {
    expect([pythonFixed(2.5, 0), pythonFixed(0.125, 2), pythonFixed(Number.NaN), pythonFixed(-Infinity), pythonFixed(-0)]).toEqual(['2', '0.12', 'nan', '-inf', '-0.000000']);
  });
});

describe('pythonRound', () => {
  it('gives what Python round(x, n) gives', () => {
    expect(SAMPLES.map((value) => String(pythonRound(value, 2)))).toEqual(python('print(repr(round(x, 2)))').map((text) => String(Number(text))));
    expect(SAMPLES.map((value) => String(pythonRound(value, 5)))).toEqual(python('print(repr(round(x, 5)))').map((text) => String(Number(text))));
  });
});
