import { looksBinary, parsed, type FileSource, type ParseResult, type Parser } from './parse-result.ts';

const LOADED_SET_HEAD = /^:::MLLOG\s*\{\s*"key"\s*:\s*"loaded_qsl_set"/;
const MARKER = ':::MLLOG';
const HEAD_BYTES = 128;

/** What a LoadGen detail log tells about the samples a performance run drew from, beside its settings. */
export interface LoadedSampleSet {
  /** `loaded_qsl_set`: the performance sample set, in LoadGen's order (MultiStream adds a few repeats as padding). */
  readonly samples?: readonly number[];
  /** The source file LoadGen's first event names (`metadata.file`): its form tells the build's platform. */
  readonly sourceFile?: string;
}

/**
 * The `loaded_qsl_set` event of `mlperf_log_detail.txt` (which the MLLOG parser skips: it can hold hundreds of
 * thousands of numbers) and the source path of the first event. Reading stops at the loaded set.
 */
export const loadedSampleSetParser: Parser<LoadedSampleSet> = {
  id: 'loaded-sample-set',
  async parse(source: FileSource): Promise<ParseResult<LoadedSampleSet>> {
    if (looksBinary(await source.readHead(8192))) return { ok: false, problems: [{ kind: 'malformed', message: 'is a binary file, not a LoadGen log' }] };
    let sourceFile: string | undefined;
    let firstEvent = true;
    for await (const bytes of source.lineBuffers()) {
      const head = bytes.subarray(0, HEAD_BYTES).toString('latin1');
      if (!head.startsWith(MARKER)) continue;
      if (firstEvent) {
        firstEvent = false;
        sourceFile = fileOf(bytes.toString('utf8').slice(MARKER.length));
      }
      if (!LOADED_SET_HEAD.test(head)) continue;
      const samples = samplesOf(bytes.toString('utf8').slice(MARKER.length));
      return parsed({ ...(samples !== undefined && { samples }), ...(sourceFile !== undefined && { sourceFile }) });
    }
    return parsed(sourceFile === undefined ? {} : { sourceFile });
  },
};

function eventOf(json: string): Record<string, unknown> | undefined {
  try {
    const event: unknown = JSON.parse(json);
    return typeof event === 'object' && event !== null ? (event as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function fileOf(json: string): string | undefined {
  const metadata = eventOf(json)?.metadata;
  const file = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>).file : undefined;
  return typeof file === 'string' ? file : undefined;
}

function samplesOf(json: string): number[] | undefined {
  const value = eventOf(json)?.value;
  if (!Array.isArray(value) || !value.every((sample): sample is number => Number.isSafeInteger(sample) && sample >= 0)) return undefined;
  return value;
}
