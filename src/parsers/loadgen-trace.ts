import { failed, looksBinary, parsed, type FileSource, type ParseResult, type Parser } from './parse-result.ts';

/**
 * The samples of a LoadGen trace, `mlperf_log_trace.json`, one entry per completed sample in the order LoadGen wrote
 * them. Columns rather than objects: a Server run traces millions of samples.
 */
export interface LoadgenTrace {
  readonly samples: number;
  /** `sample_seq`: the order in which LoadGen generated the samples (within a query, the order it issued them). */
  readonly sequence: Float64Array;
  /** `sample_idx`: the QSL index of the sample. */
  readonly sampleIndex: Float64Array;
  /** `query_seq`: the query the sample belonged to. */
  readonly query: Float64Array;
  /** When LoadGen scheduled the sample's query, in ns from the start of the trace (`ts` is in µs, printed to 1 ns). */
  readonly scheduledNs: Float64Array;
  /** `issue_start_ns`: from the scheduled time to when LoadGen issued the query. */
  readonly issuedNs: Float64Array;
  /** `complete_ns`: from the scheduled time to when the SUT completed the sample. */
  readonly completedNs: Float64Array;
  /** Whether the file ends with LoadGen's footer; without it the run was cut short or the file truncated. */
  readonly complete: boolean;
  /** Lines that looked like sample events but could not be read. */
  readonly unreadableLines: number;
}

/**
 * LoadGen writes one event a line (loadgen/logging.h, ChromeTracer), a sample as an async begin event whose args hold
 * its numbers: `{"name":"Sample","cat":"default","ph":"b","pid":…,"id":<seq>,"ts":<µs>,"args":{"sample_seq":…,
 * "query_seq":…,"sample_idx":…,"issue_start_ns":…,"complete_ns":…}},`. Older LoadGens put spaces around the colons.
 */
const SAMPLE_BEGIN = /"name"\s*:\s*"Sample".*"ph"\s*:\s*"b"/;
const NUMBER_FIELDS = ['ts', 'sample_seq', 'query_seq', 'sample_idx', 'issue_start_ns', 'complete_ns'] as const;
const FIELD_PATTERNS = NUMBER_FIELDS.map((field) => new RegExp(`"${field}"\\s*:\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)`));
const FOOTER = /"name"\s*:\s*"LastTrace"/;
const INITIAL_CAPACITY = 4096;

/** Growable numeric columns: the sample count is only known at the end of the file. */
class Columns {
  private capacity = INITIAL_CAPACITY;
  length = 0;
  readonly data = NUMBER_FIELDS.map(() => new Float64Array(INITIAL_CAPACITY));

  push(values: readonly number[]): void {
    if (this.length === this.capacity) {
      this.capacity *= 2;
      this.data.forEach((column, i) => {
        const grown = new Float64Array(this.capacity);
        grown.set(column);
        this.data[i] = grown;
      });
    }
    values.forEach((value, i) => {
      this.data[i]![this.length] = value;
    });
    this.length++;
  }

  column(field: (typeof NUMBER_FIELDS)[number]): Float64Array {
    return this.data[NUMBER_FIELDS.indexOf(field)]!.subarray(0, this.length);
  }
}

/** Reads the sample events of a LoadGen trace, streaming line by line; other events are skipped unparsed. */
export const loadgenTraceParser: Parser<LoadgenTrace> = {
  id: 'loadgen-trace',
  async parse(source: FileSource): Promise<ParseResult<LoadgenTrace>> {
    if (source.size === 0) return failed('malformed', 'is empty: LoadGen was run without tracing, or the file was emptied');
    if (looksBinary(await source.readHead(8192))) return failed('malformed', 'is a binary file, not a LoadGen trace');
    const columns = new Columns();
    let complete = false;
    let unreadableLines = 0;
    for await (const line of source.lines()) {
      if (SAMPLE_BEGIN.test(line)) {
        const values = FIELD_PATTERNS.map((pattern) => Number(pattern.exec(line)?.[1] ?? Number.NaN));
        if (values.some((value) => !Number.isFinite(value))) unreadableLines++;
        else columns.push([Math.round(values[0]! * 1000), ...values.slice(1)]);
      } else if (FOOTER.test(line)) {
        complete = true;
      }
    }
    return parsed({
      samples: columns.length,
      sequence: columns.column('sample_seq'),
      scheduledNs: columns.column('ts'),
      query: columns.column('query_seq'),
      sampleIndex: columns.column('sample_idx'),
      issuedNs: columns.column('issue_start_ns'),
      completedNs: columns.column('complete_ns'),
      complete,
      unreadableLines,
    });
  },
};
