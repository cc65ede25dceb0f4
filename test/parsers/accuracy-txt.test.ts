import { describe, expect, it } from 'vitest';
import { accuracyTxtParser, pythonFloatOf } from '../../src/parsers/accuracy-txt.ts';
import type { FileSource } from '../../src/parsers/parse-result.ts';
import { sourceOf } from '../support/file-source.ts';
import { loadRound } from '../../src/rounds/load-round.ts';

const source = (content: string | Buffer): FileSource => sourceOf(content, 'accuracy.txt');

async function parse(round: string, content: string) {
  const data = loadRound(round);
  const result = await accuracyTxtParser(data.id, data.accuracyPatterns).parse(source(content));
  if (!result.ok) throw new Error('expected a parsed accuracy.txt');
  return result.value;
}

describe('accuracy.txt parser', () => {
  it('returns every pattern match with its line, and the hash line', async () => {
    const text = ['', 'Results', '', "{'rouge1': '38.7898', 'rouge2': '15.9437', 'rougeL': '24.5735', 'rougeLsum': '35.8053', 'gen_len': 8163079, 'gen_num': 13368}", '', 'hash=7e1f'].join('\n');
    const txt = await parse('v5.1', `${text}\n`);
    expect(txt.matches).toEqual([
      { metric: 'ROUGE1', text: '38.7898', line: 4 },
      { metric: 'ROUGE2', text: '15.9437', line: 4 },
      { metric: 'ROUGEL', text: '24.5735', line: 4 },
      { metric: 'ROUGELSUM', text: '35.8053', line: 4 },
      { metric: 'GEN_LEN', text: '8163079', line: 4 },
    ]);
    expect(txt.hash).toEqual({ value: '7e1f', line: 6 });
    expect(txt.lineCount).toBe(6);
  });

  it('anchors patterns at the line start, as Python re.match does', async () => {
    // v4.1's acc pattern is ^accuracy=…; later rounds also read {"accuracy": …} but never a mid-line "accuracy=".
    expect((await parse('v4.1', 'top-1 accuracy=76.1%\n')).matches).toEqual([]);
    expect((await parse('v5.1', '{"accuracy": 0.7286, "total": 1}\n')).matches).toContainEqual({ metric: 'acc', text: '0.7286', line: 1 });
    // DICE has no ^ yet must match at the start: a prefix defeats it.
    expect((await parse('v5.1', 'Result Accuracy: mean = 0.86\n')).matches).toEqual([]);
    expect((await parse('v5.1', 'Accuracy: mean = 0.86170, kidney = 0.93\n')).matches).toContainEqual({ metric: 'DICE', text: '0.86170', line: 1 });
  });

  it('reads the hash only when it is the whole line, with any line ending', async () => {
    expect((await parse('v6.0', 'accuracy=76.5%\r\nhash=abc123\r\n')).hash).toEqual({ value: 'abc123', line: 2 });
    expect((await parse('v6.0', 'accuracy=76.5%\rhash=abc123')).hash).toEqual({ value: 'abc123', line: 2 });
    expect((await parse('v6.0', 'hash=abc 123\n# hash=abc\n')).hash).toBeUndefined();
  });

  it("reads Python's float() of a captured text", () => {
    expect(pythonFloatOf('76.5')).toBe(76.5);
    expect(pythonFloatOf('5.')).toBe(5);
    expect(pythonFloatOf('.5')).toBe(0.5);
    expect(pythonFloatOf('1.2.3')).toBeUndefined();
    expect(pythonFloatOf('.')).toBeUndefined();
  });
});
