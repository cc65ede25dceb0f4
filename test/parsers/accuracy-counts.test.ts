import { describe, expect, it } from 'vitest';
import { accuracyCountsParser } from '../../src/parsers/accuracy-counts.ts';
import { sourceOf } from '../support/file-source.ts';

async function countsOf(content: string) {
  const result = await accuracyCountsParser.parse(sourceOf(content, 'accuracy.txt'));
  if (!result.ok) throw new Error('expected parsed counts');
  return result.value;
}

describe('accuracy counts parser', () => {
  it('reads the counts of the llama2 / mixtral / llama3.1 scripts (a Python dict)', async () => {
    const counts = await countsOf("\nResults\n\n{'rouge1': 44.5, 'gen_len': 28345358, 'gen_num': 24576, 'gen_tok_len': 7194444, 'tokens_per_sample': 292.7}\nhash=ab\n");
    expect(counts).toEqual({
      samples: { key: 'gen_num', text: '24576', value: 24576, line: 4 },
      outputTokens: { key: 'gen_tok_len', text: '7194444', value: 7194444, line: 4 },
      tokensPerSample: { key: 'tokens_per_sample', text: '292.7', value: 292.7, line: 4 },
    });
  });

  it('reads the deepseek-r1 script (JSON over several lines), and the last value printed wins', async () => {
    const counts = await countsOf('{\n  "TOKENS_PER_SAMPLE": 3886.2274,\n  "num-samples": 4388\n}\n{"num-samples": 4387}\n');
    expect(counts.tokensPerSample).toMatchObject({ key: 'TOKENS_PER_SAMPLE', value: 3886.2274, line: 2 });
    expect(counts.samples).toMatchObject({ key: 'num-samples', value: 4387, line: 5 });
  });

  it('finds nothing in the output of other scripts', async () => {
    expect(await countsOf('accuracy=76.014%, good=38007, total=50000\nhash=ab\n')).toEqual({});
  });
});
