import { describe, expect, it } from 'vitest';
import { readNpy } from '../../src/division/npy.ts';

/** A .npy file, version 1.0, with the given header dict and data. */
function npy(descr: string, shape: string, data: Buffer, fortran = 'False'): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const preamble = Buffer.alloc(10);
  preamble.write('\x93NUMPY', 0, 'latin1');
  preamble[6] = 1;
  preamble.writeUInt16LE(header.length, 8);
  return Buffer.concat([preamble, Buffer.from(header, 'latin1'), data]);
}

describe('readNpy', () => {
  it('reads float32, float16, uint8 and int8 arrays in C order', () => {
    expect(readNpy(npy('<f4', '(2, 2)', Buffer.from(new Float32Array([1.5, -2, 0, 3]).buffer)))).toEqual({ ok: true, value: { dtype: 'float32', shape: [2, 2], values: Float64Array.from([1.5, -2, 0, 3]) } });
    // float16 bits: 1.0 = 0x3c00, -2.5 = 0xc100, 2^-24 (smallest subnormal) = 0x0001.
    const half = readNpy(npy('<f2', '(3,)', Buffer.from(new Uint16Array([0x3c00, 0xc100, 0x0001]).buffer)));
    expect(half.ok && Array.from(half.value.values)).toEqual([1, -2.5, 2 ** -24]);
    const bytes = readNpy(npy('|u1', '(2,)', Buffer.from([0, 255])));
    expect(bytes.ok && Array.from(bytes.value.values)).toEqual([0, 255]);
    const signed = readNpy(npy('|i1', '()', Buffer.from([0xff])));
    expect(signed.ok && [signed.value.shape, Array.from(signed.value.values)]).toEqual([[], [-1]]);
  });

  it('returns a problem for what it cannot read, never throws', () => {
    const problem = (bytes: Uint8Array): string => {
      const read = readNpy(bytes);
      return read.ok ? 'read' : read.problem;
    };
    expect(problem(Buffer.from('not an array'))).toMatch(/not a NumPy \.npy file/);
    expect(problem(npy('<f4', '(2,)', Buffer.alloc(4)))).toMatch(/holds 4 bytes of data, but shape \(2\) of float32 needs 8/);
    expect(problem(npy('<f4', '(1,)', Buffer.alloc(4), 'True'))).toMatch(/Fortran order/);
    expect(problem(npy('>f4', '(1,)', Buffer.alloc(4)))).toMatch(/holds dtype >f4/);
    expect(problem(npy('<f4', '(1,)', Buffer.alloc(4)).subarray(0, 20))).toMatch(/truncated \.npy header/);
  });
});
