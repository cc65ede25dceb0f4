/** A NumPy `.npy` array as read here: its values as doubles, its shape and its dtype. */
export interface NpyArray {
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  readonly values: Float64Array;
}

export type NpyDtype = 'float32' | 'float16' | 'float64' | 'int8' | 'uint8' | 'int16' | 'int32';

export type NpyResult = { readonly ok: true; readonly value: NpyArray } | { readonly ok: false; readonly problem: string };

const MAGIC = '\x93NUMPY';
/** `descr` strings of the little-endian and byte-order-free dtypes preprocessed tensors come in. */
const DTYPES: Readonly<Record<string, { readonly dtype: NpyDtype; readonly bytes: number; readonly read: (view: DataView, offset: number) => number }>> = {
  '<f4': { dtype: 'float32', bytes: 4, read: (view, offset) => view.getFloat32(offset, true) },
  '<f8': { dtype: 'float64', bytes: 8, read: (view, offset) => view.getFloat64(offset, true) },
  '<f2': { dtype: 'float16', bytes: 2, read: (view, offset) => halfToNumber(view.getUint16(offset, true)) },
  '|i1': { dtype: 'int8', bytes: 1, read: (view, offset) => view.getInt8(offset) },
  '|u1': { dtype: 'uint8', bytes: 1, read: (view, offset) => view.getUint8(offset) },
  '<i2': { dtype: 'int16', bytes: 2, read: (view, offset) => view.getInt16(offset, true) },
  '<i4': { dtype: 'int32', bytes: 4, read: (view, offset) => view.getInt32(offset, true) },
};

function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/**
 * Reads a `.npy` file (format versions 1 to 3, C order). Never throws: a file that is not such an array, or holds a
 * dtype other than the numeric ones above, comes back as a problem.
 */
export function readNpy(bytes: Uint8Array): NpyResult {
  const fail = (problem: string): NpyResult => ({ ok: false, problem });
  if (bytes.length < 10 || String.fromCharCode(...bytes.subarray(0, 6)) !== MAGIC) return fail('is not a NumPy .npy file (no \\x93NUMPY magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6] as number;
  const headerLength = major === 1 ? view.getUint16(8, true) : bytes.length >= 12 ? view.getUint32(8, true) : -1;
  const headerStart = major === 1 ? 10 : 12;
  if (headerLength < 0 || headerStart + headerLength > bytes.length) return fail('has a truncated .npy header');
  const header = new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) return fail(`has a .npy header that cannot be read: ${header.trim()}`);
  if (fortran === 'True') return fail('is stored in Fortran order; write it in C order (np.ascontiguousarray)');
  const type = DTYPES[descr];
  if (type === undefined) return fail(`holds dtype ${descr}; expected one of ${Object.values(DTYPES).map((known) => known.dtype).join(', ')} (little-endian)`);
  const shape = shapeText.split(',').map((part) => part.trim()).filter((part) => part !== '').map(Number);
  if (shape.some((size) => !Number.isSafeInteger(size) || size < 0)) return fail(`has an invalid shape (${shapeText})`);
  const count = shape.reduce((product, size) => product * size, 1);
  const dataStart = headerStart + headerLength;
  if (bytes.length - dataStart !== count * type.bytes) return fail(`holds ${bytes.length - dataStart} bytes of data, but shape (${shape.join(', ')}) of ${type.dtype} needs ${count * type.bytes}`);
  const values = new Float64Array(count);
  for (let position = 0; position < count; position++) values[position] = type.read(view, dataStart + position * type.bytes);
  return { ok: true, value: { dtype: type.dtype, shape, values } };
}
