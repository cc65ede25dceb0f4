import { DataType } from './model-builder.ts';
import type { ModelProfile } from './inspect.ts';

/**
 * Numerical formats at the granularity of MLPerf's system descriptions (spec harness.md §4.8, inference-checker.md
 * §6.1): `weight_data_types` says "fp8", not "FLOAT8E4M3FN", so every float8 variant is FP8 and every 4-bit float
 * (FLOAT4E2M1, MXFP4, NVFP4) is FP4. Integer signedness is kept because the 2019 whitelist distinguished it.
 */
export const NUMERIC_FORMATS = [
  'FP64',
  'FP32',
  'TF32',
  'BF16',
  'FP16',
  'FP11',
  'FP8',
  'FP6',
  'FP4',
  'INT64',
  'INT32',
  'INT16',
  'INT8',
  'INT4',
  'UINT64',
  'UINT32',
  'UINT16',
  'UINT8',
  'UINT4',
  'BOOL',
  'STRING',
  'COMPLEX',
] as const;

export type NumericFormat = (typeof NUMERIC_FORMATS)[number];

const FORMAT_OF_DATA_TYPE: ReadonlyMap<number, NumericFormat> = new Map<number, NumericFormat>([
  [DataType.FLOAT, 'FP32'],
  [DataType.UINT8, 'UINT8'],
  [DataType.INT8, 'INT8'],
  [DataType.UINT16, 'UINT16'],
  [DataType.INT16, 'INT16'],
  [DataType.INT32, 'INT32'],
  [DataType.INT64, 'INT64'],
  [DataType.STRING, 'STRING'],
  [DataType.BOOL, 'BOOL'],
  [DataType.FLOAT16, 'FP16'],
  [DataType.DOUBLE, 'FP64'],
  [DataType.UINT32, 'UINT32'],
  [DataType.UINT64, 'UINT64'],
  [DataType.COMPLEX64, 'COMPLEX'],
  [DataType.COMPLEX128, 'COMPLEX'],
  [DataType.BFLOAT16, 'BF16'],
  [DataType.FLOAT8E4M3FN, 'FP8'],
  [DataType.FLOAT8E4M3FNUZ, 'FP8'],
  [DataType.FLOAT8E5M2, 'FP8'],
  [DataType.FLOAT8E5M2FNUZ, 'FP8'],
  [DataType.UINT4, 'UINT4'],
  [DataType.INT4, 'INT4'],
  [DataType.FLOAT4E2M1, 'FP4'],
]);

/** The format of an ONNX `TensorProto.DataType` code; undefined for UNDEFINED (0) and codes newer than FLOAT4E2M1. */
export function formatOfDataType(dataType: number): NumericFormat | undefined {
  return FORMAT_OF_DATA_TYPE.get(dataType);
}

/** The format of an ONNX data type name as profiles key them ("FLOAT8E4M3FN" → FP8). */
export function formatOfDataTypeName(name: string): NumericFormat | undefined {
  const code: number | undefined = (DataType as Readonly<Record<string, number>>)[name];
  return code === undefined ? undefined : formatOfDataType(code);
}

/**
 * Spellings seen in, or plausible for, `weight_data_types` / `input_data_types` of MLPerf submissions (v4.1–v6.0 data:
 * "int8", "INT8", "fp16", "fp8", "float8", "fp4", "mxfp4", "bf16", "bfloat16", "int4", "fp32", per-component
 * "unet:fp8", …), matched after lower-casing and dropping everything but letters and digits.
 */
const FORMAT_SPELLINGS: readonly (readonly [RegExp, NumericFormat])[] = [
  [/^(fp|float)64$|^double$/, 'FP64'],
  [/^(fp|float|ieeefp)32$|^f32$|^float$|^single$/, 'FP32'],
  [/^tf32$/, 'TF32'],
  [/^(bf|bfloat)16$/, 'BF16'],
  [/^(fp|float)16$|^f16$|^half$/, 'FP16'],
  [/^fp11$/, 'FP11'],
  [/^(mx|nv)?(fp|float)8(e4m3|e5m2)?(fn|fnuz)?$|^e4m3(fn|fnuz)?$|^e5m2(fnuz)?$/, 'FP8'],
  [/^(mx|nv)?(fp|float)6(e2m3|e3m2)?$/, 'FP6'],
  [/^(mx|nv)?(fp|float)4(e2m1)?$|^e2m1$/, 'FP4'],
  [/^(int|i|s)64$/, 'INT64'],
  [/^(int|i|s)32$/, 'INT32'],
  [/^(int|i|s)16$/, 'INT16'],
  [/^(int|i|s)8$/, 'INT8'],
  [/^(int|i|s)4$/, 'INT4'],
  [/^(uint|u)64$/, 'UINT64'],
  [/^(uint|u)32$/, 'UINT32'],
  [/^(uint|u)16$/, 'UINT16'],
  [/^(uint|u)8$/, 'UINT8'],
  [/^(uint|u)4$/, 'UINT4'],
  [/^bool(ean)?$/, 'BOOL'],
];

/** Declarations that name no format ("mixed", "No change."), compared without case, spaces or punctuation. */
const UNSPECIFIC_PHRASES = new Set(['mixed', 'mixedprecision', 'nochange', 'none', 'na', 'sameasreference', 'default']);

/** Connecting words in free text such as "Mixed FP8 and FP16 weights". */
const FILLER_WORDS = new Set(['and', 'or', 'with', 'for', 'of', 'in', 'mixed', 'weights', 'weight', 'precision', 'quantized', 'quantization']);

export interface DeclaredFormats {
  /** Canonical formats the declaration names, sorted as {@link NUMERIC_FORMATS}. */
  readonly formats: readonly NumericFormat[];
  /** Parts that name no format ("mixed", "No change."), so they cover nothing. */
  readonly unspecific: readonly string[];
  /** Words that are neither a format nor a known connecting word, as written. */
  readonly unknown: readonly string[];
}

/** A declared `weight_data_types` / `input_data_types` value: free text, or per-component text (v6.0 SDXL). */
export type DeclaredValue = string | Readonly<Record<string, string>>;

const squeeze = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Normalises a declared value. Text is split into parts on , and ; and each part into words on / & + | and spaces;
 * in "component:format" parts only the format counts; words in parentheses are notes ("int32 (tokens)") that only
 * count when they name a format. Objects map component names to such text ({"unet": "fp8", "vae": "fp32"}).
 */
export function parseDeclaredFormats(declared: DeclaredValue): DeclaredFormats {
  const formats = new Set<NumericFormat>();
  const unspecific: string[] = [];
  const unknown: string[] = [];
  const texts = typeof declared === 'string' ? [declared] : Object.values(declared);
  for (const text of texts) {
    const notes = [...text.matchAll(/\(([^)]*)\)/g)].map((match) => match[1] ?? '');
    for (const word of notes.flatMap(wordsOf)) {
      const format = formatOfWord(word);
      if (format) formats.add(format);
    }
    for (const part of text.replace(/\([^)]*\)/g, ' ').split(/[,;]/)) {
      const value = part.slice(part.lastIndexOf(':') + 1).trim();
      if (UNSPECIFIC_PHRASES.has(squeeze(value))) {
        unspecific.push(value);
        continue;
      }
      for (const word of wordsOf(value)) {
        const format = formatOfWord(word);
        if (format) formats.add(format);
        else if (!FILLER_WORDS.has(squeeze(word))) unknown.push(word);
      }
    }
  }
  return { formats: NUMERIC_FORMATS.filter((format) => formats.has(format)), unspecific, unknown };
}

const wordsOf = (text: string): string[] => text.split(/[\s/&+|,;]+/).filter((word) => squeeze(word) !== '');

function formatOfWord(word: string): NumericFormat | undefined {
  const key = squeeze(word);
  return FORMAT_SPELLINGS.find(([spelling]) => spelling.test(key))?.[1];
}

/**
 * Integer formats whose signed or unsigned twin a declaration may name instead: submissions write "int8" for uint8
 * tensors too (no v4.1–v6.0 system description says "uint8"), and zero points make the two interchangeable.
 */
const SIGNEDNESS_TWIN: Partial<Record<NumericFormat, NumericFormat>> = {
  INT4: 'UINT4',
  UINT4: 'INT4',
  INT8: 'UINT8',
  UINT8: 'INT8',
  INT16: 'UINT16',
  UINT16: 'INT16',
  INT32: 'UINT32',
  UINT32: 'INT32',
  INT64: 'UINT64',
  UINT64: 'INT64',
};

/** Whether a set of named formats covers `format`, counting an integer format's signedness twin. */
export function namesFormat(named: readonly NumericFormat[], format: NumericFormat): boolean {
  const twin = SIGNEDNESS_TWIN[format];
  return named.includes(format) || (twin !== undefined && named.includes(twin));
}

export interface FormatShare {
  readonly format: NumericFormat;
  readonly elements: number;
  /** Fraction of the model's parameters, 0–1. */
  readonly share: number;
}

/**
 * Formats holding at least `minShare` of the model's parameters that the declaration does not name (spec harness.md
 * §4.8 check 1), largest share first. Scales and zero points of quantized weights are not parameters here, so "int8"
 * suffices for a QDQ-INT8 model whose biases stay FP32 as long as they hold under 1 %.
 */
export function undeclaredFormats(profile: ModelProfile, declared: DeclaredValue, minShare = 0.01): FormatShare[] {
  const named = parseDeclaredFormats(declared).formats;
  return profile.parameters.byFormat.filter(({ format, share }) => share >= minShare && !namesFormat(named, format));
}
