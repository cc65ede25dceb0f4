import { readSync } from 'node:fs';

/**
 * A bounds-checked reader of protobuf wire format (spec harness.md Appendix C), enough to walk ONNX messages without
 * decoding them: length-delimited fields become views over the same bytes, so tensor `raw_data` is skipped by length
 * and never copied. Malformed input raises {@link WireFormatError} instead of reading out of bounds.
 */

export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
}

export const WireType = { VARINT: 0, FIXED64: 1, LENGTH_DELIMITED: 2, FIXED32: 5 } as const;

/** One field of a message: a varint's value, or a reader over a length-delimited field's bytes. */
export type WireField = { readonly field: number; readonly wireType: 0; readonly value: number } | { readonly field: number; readonly wireType: 2; readonly value: WireReader };

const TWO_TO_32 = 2 ** 32;
const textDecoder = new TextDecoder();

/**
 * The bytes a reader walks: a buffer in memory, or a file read page by page on demand, so that a model's tensor data,
 * which the reader skips by length, is never read from disk at all.
 */
export interface ByteSource {
  readonly length: number;
  byteAt(position: number): number;
  slice(start: number, end: number): Uint8Array;
}

export class MemoryBytes implements ByteSource {
  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  get length(): number {
    return this.bytes.length;
  }

  byteAt(position: number): number {
    return this.bytes[position] ?? 0;
  }

  slice(start: number, end: number): Uint8Array {
    return this.bytes.subarray(start, end);
  }
}

/** Pages of 16 KiB: small enough that skipped tensor data is mostly never read, large enough for few reads. */
const PAGE_BITS = 14;
const PAGE_SIZE = 1 << PAGE_BITS;

/** A file read in pages as the reader reaches them (synchronously: the walk is synchronous, and pages are small). */
export class FileBytes implements ByteSource {
  private readonly pages = new Map<number, Uint8Array>();
  private readonly descriptor: number;
  readonly length: number;
  private currentPage = -1;
  private current: Uint8Array = new Uint8Array(0);

  constructor(descriptor: number, length: number) {
    this.descriptor = descriptor;
    this.length = length;
  }

  byteAt(position: number): number {
    const page = position >>> PAGE_BITS;
    if (page !== this.currentPage) {
      this.current = this.page(page);
      this.currentPage = page;
    }
    return this.current[position & (PAGE_SIZE - 1)] ?? 0;
  }

  slice(start: number, end: number): Uint8Array {
    const bytes = new Uint8Array(end - start);
    for (let offset = start; offset < end; ) {
      const page = this.page(offset >>> PAGE_BITS);
      const from = offset & (PAGE_SIZE - 1);
      const count = Math.min(end - offset, PAGE_SIZE - from);
      bytes.set(page.subarray(from, from + count), offset - start);
      offset += count;
    }
    return bytes;
  }

  private page(index: number): Uint8Array {
    let page = this.pages.get(index);
    if (page === undefined) {
      const start = index * PAGE_SIZE;
      page = new Uint8Array(Math.min(PAGE_SIZE, this.length - start));
      readSync(this.descriptor, page, 0, page.length, start);
      this.pages.set(index, page);
    }
    return page;
  }
}

export class WireReader {
  readonly bytes: ByteSource;
  readonly end: number;
  position: number;

  constructor(bytes: ByteSource, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.position = start;
    this.end = end;
  }

  get byteLength(): number {
    return this.end - this.position;
  }

  /**
   * A varint as a number: exact up to 2⁵³, and negative for the ten-byte two's complement encoding of negative int64
   * values (attributes such as `axis = -1`).
   */
  varint(): number {
    let low = 0;
    let high = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (this.position >= this.end) throw new WireFormatError(`varint runs past the end of its message at byte ${this.position}`);
      const byte = this.bytes.byteAt(this.position++);
      const bits = byte & 0x7f;
      if (shift < 28) low |= bits << shift;
      else if (shift === 28) {
        low |= (bits & 0x0f) << 28;
        high |= bits >>> 4;
      } else high |= bits << (shift - 32);
      if ((byte & 0x80) === 0) {
        low >>>= 0;
        if (high & 0x80000000) return -((~high >>> 0) * TWO_TO_32 + (~low >>> 0) + 1);
        return (high >>> 0) * TWO_TO_32 + low;
      }
    }
    throw new WireFormatError(`varint longer than ten bytes at byte ${this.position}`);
  }

  /** The message's fields in order; fixed-width fields (floats, doubles), which ONNX inspection never needs, are skipped. */
  *fields(): Generator<WireField> {
    while (this.position < this.end) {
      const tagPosition = this.position;
      const tag = this.varint();
      const field = Math.floor(tag / 8);
      const wireType = tag & 7;
      if (field === 0) throw new WireFormatError(`field number 0 at byte ${tagPosition}`);
      if (wireType === WireType.VARINT) yield { field, wireType, value: this.varint() };
      else if (wireType === WireType.LENGTH_DELIMITED) {
        const length = this.varint();
        if (length > this.end - this.position) throw new WireFormatError(`field ${field} at byte ${tagPosition} claims ${length} bytes but only ${this.end - this.position} remain (truncated file?)`);
        const value = new WireReader(this.bytes, this.position, this.position + length);
        this.position += length;
        yield { field, wireType, value };
      } else if (wireType === WireType.FIXED64 || wireType === WireType.FIXED32) {
        const width = wireType === WireType.FIXED64 ? 8 : 4;
        if (width > this.end - this.position) throw new WireFormatError(`field ${field} at byte ${tagPosition} runs past the end of its message`);
        this.position += width;
      } else throw new WireFormatError(`field ${field} at byte ${tagPosition} has unsupported wire type ${wireType}`);
    }
  }

  /** The remaining bytes as UTF-8 text. */
  text(): string {
    return textDecoder.decode(this.bytes.slice(this.position, this.end));
  }

  /** The remaining bytes as packed varints (a packed `repeated int64`). */
  packedVarints(): number[] {
    const values: number[] = [];
    while (this.position < this.end) values.push(this.varint());
    return values;
  }
}

/** The field's varint, or an error naming `what` when the field has another wire type. */
export function varintOf(field: WireField, what: string): number {
  if (field.wireType !== WireType.VARINT) throw new WireFormatError(`${what} (field ${field.field}) has wire type ${field.wireType}, expected a varint`);
  return field.value;
}

/** The field's bytes, or an error naming `what` when the field has another wire type. */
export function bytesOf(field: WireField, what: string): WireReader {
  if (field.wireType !== WireType.LENGTH_DELIMITED) throw new WireFormatError(`${what} (field ${field.field}) has wire type ${field.wireType}, expected length-delimited`);
  return field.value;
}

/** A `repeated int64` field's values, which writers may emit packed or one varint per value. */
export function varintsOf(field: WireField): number[] {
  return field.wireType === WireType.VARINT ? [field.value] : field.value.packedVarints();
}
