import { looksBinary, parsed, failed, type FileSource, type ParseResult, type Parser } from './parse-result.ts';

/** A number an accuracy script printed, as printed. */
export interface PrintedNumber {
  /** The key as printed (`gen_num`, `TOKENS_PER_SAMPLE`, ...). */
  readonly key: string;
  readonly text: string;
  readonly value: number;
  readonly line: number;
}

/**
 * The sample and token counts an LLM accuracy script prints beside its scores; they depend on the accuracy log alone
 * (no data set, no tokenizer), so they can be recomputed from a complete log. Each is the last one printed.
 */
export interface AccuracyCounts {
  /** Distinct samples scored: `gen_num` (llama2, llama3.1, mixtral, gpt-j), `num-samples` (deepseek-r1). */
  readonly samples?: PrintedNumber;
  /** Output tokens of those samples: `gen_tok_len`. */
  readonly outputTokens?: PrintedNumber;
  /** Mean output tokens per sample: `tokens_per_sample` (rounded to 0.1), `TOKENS_PER_SAMPLE` (deepseek-r1). */
  readonly tokensPerSample?: PrintedNumber;
}

const FIELDS: Readonly<Record<string, keyof AccuracyCounts>> = {
  gen_num: 'samples',
  'num-samples': 'samples',
  gen_tok_len: 'outputTokens',
  tokens_per_sample: 'tokensPerSample',
  TOKENS_PER_SAMPLE: 'tokensPerSample',
};
/** `'gen_num': 24576`, `"TOKENS_PER_SAMPLE": 3886.2`, `'gen_tok_len': '7194444'` (a Python dict or JSON). */
const COUNT = /['"](gen_num|num-samples|gen_tok_len|tokens_per_sample|TOKENS_PER_SAMPLE)['"]\s*:\s*'?(\d+(?:\.\d*)?)'?/g;

/** The counts of an LLM accuracy script's output (accuracy.txt), streamed line by line. */
export const accuracyCountsParser: Parser<AccuracyCounts> = {
  id: 'accuracy-counts',
  async parse(source: FileSource): Promise<ParseResult<AccuracyCounts>> {
    if (looksBinary(await source.readHead(8192))) return failed('malformed', 'is a binary file, not the output of an accuracy script');
    const counts: { -readonly [Field in keyof AccuracyCounts]: AccuracyCounts[Field] } = {};
    let lineNumber = 0;
    for await (const line of source.lines()) {
      lineNumber++;
      for (const [, key = '', text = ''] of line.matchAll(COUNT)) {
        const field = FIELDS[key];
        if (field !== undefined) counts[field] = { key, text, value: Number(text), line: lineNumber };
      }
    }
    return parsed(counts);
  },
};
