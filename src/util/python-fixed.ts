/**
 * Python's fixed-point formatting ("%f", "{:f}") and round(x, n) for doubles. Both round the exact binary value
 * of the double to the given number of decimals, ties to even; JavaScript's toFixed rounds ties away from zero
 * and gives up beyond 1e21, so the official checkers' figures need this.
 */
export function pythonFixed(value: number, decimals = 6): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const digits = roundedScaled(Math.abs(value), decimals).toString().padStart(decimals + 1, '0');
  if (decimals === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** Python's round(x, n) for a float and n >= 0: the double nearest to x rounded to n decimals. */
export function pythonRound(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  return Number(pythonFixed(value, decimals));
}

/** |value| × 10^decimals rounded to an integer, ties to even, computed exactly from the double's bits. */
function roundedScaled(magnitude: number, decimals: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, magnitude);
  const bits = view.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // magnitude = mantissa × 2^exponent exactly
  const mantissa = biasedExponent === 0 ? fraction : fraction | (1n << 52n);
  const exponent = biasedExponent === 0 ? -1074 : biasedExponent - 1075;
  const scaled = mantissa * 10n ** BigInt(decimals);
  if (exponent >= 0) return scaled << BigInt(exponent);
  const shift = BigInt(-exponent);
  const quotient = scaled >> shift;
  const remainder = scaled - (quotient << shift);
  const half = 1n << (shift - 1n);
  return remainder > half || (remainder === half && (quotient & 1n) === 1n) ? quotient + 1n : quotient;
}
