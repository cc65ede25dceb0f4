import { describe, expect, it } from 'vitest';
import type { FileSource } from '../../src/parsers/parse-result.ts';
import { sourceOf } from '../support/file-source.ts';
import { isLoadgenNumber, loadgenConfParser, lookupConfSetting, parseLoadgenConf, splitConfKey } from '../../src/parsers/loadgen-conf.ts';

const source = (content: string | Buffer): FileSource => sourceOf(content, 'user.conf');

const problemsOf = (text: string) => parseLoadgenConf(text).problems.map(({ kind, line, word }) => ({ kind, line, word }));

describe('LoadGen configuration parser', () => {
  it('reads settings with their line numbers and ignores comments and blank lines', () => {
    const conf = parseLoadgenConf('# The format is key = value\n\n*.Offline.target_qps = 56000\n  bert.Server.target_latency\t=\t130  \r\n#\n');
    expect(conf.problems).toEqual([]);
    expect(conf.rejected).toBe(false);
    expect(conf.entries.get('*.Offline.target_qps')).toEqual({ value: '56000', line: 3 });
    expect(conf.entries.get('bert.Server.target_latency')).toEqual({ value: '130', line: 4 });
  });

  it('looks settings up with LoadGen precedence: model.scenario, *.scenario, model.*, *.*', () => {
    const conf = parseLoadgenConf(['*.*.min_duration = 1', 'gptj.*.min_duration = 2', '*.Offline.min_duration = 3', 'gptj.Offline.min_duration = 4'].join('\n'));
    expect(lookupConfSetting(conf, 'gptj', 'Offline', 'min_duration')?.value).toBe('4');
    expect(lookupConfSetting(conf, 'bert', 'Offline', 'min_duration')?.value).toBe('3');
    expect(lookupConfSetting(conf, 'gptj', 'Server', 'min_duration')?.value).toBe('2');
    expect(lookupConfSetting(conf, 'bert', 'Server', 'min_duration')?.value).toBe('1');
    expect(lookupConfSetting(conf, 'bert', 'Server', 'target_qps')).toBeUndefined();
  });

  it('reports lines LoadGen silently ignores', () => {
    expect(problemsOf('*.Offline.target_qps=100')).toEqual([{ kind: 'no-spaces', line: 1, word: '*.Offline.target_qps=100' }]);
    expect(problemsOf('*.Offline.target_qps=100 # peak\n*.Offline.target_qps # = 100')).toEqual([
      { kind: 'no-spaces', line: 1, word: '*.Offline.target_qps=100' },
      { kind: 'incomplete', line: 2, word: '*.Offline.target_qps' },
    ]);
    expect(problemsOf('*.Offline.target_qps\n*.Offline.min_duration =')).toEqual([
      { kind: 'incomplete', line: 1, word: '*.Offline.target_qps' },
      { kind: 'incomplete', line: 2, word: '*.Offline.min_duration' },
    ]);
    expect(problemsOf('min_duration = 600000')).toEqual([{ kind: 'malformed-key', line: 1, word: 'min_duration' }]);
    expect(problemsOf('gptj.offline.target_qps = 1\ngptj.Interactive.target_qps = 1')).toEqual([
      { kind: 'unknown-scenario', line: 1, word: 'offline' },
      { kind: 'unknown-scenario', line: 2, word: 'Interactive' },
    ]);
    expect(problemsOf('*.Offline.performance_sample_count = 5000')).toEqual([{ kind: 'unknown-setting', line: 1, word: 'performance_sample_count' }]);
    expect(problemsOf('resnet50.Offline.coalesce_queries = 1\nresnet50.*.coalesce_queries = 1')).toEqual([{ kind: 'wrong-scenario', line: 1, word: 'coalesce_queries' }]);
  });

  it('reports lines that make LoadGen reject the whole file, and then looks nothing up', () => {
    const conf = parseLoadgenConf('*.Offline.target_qps = 100 # peak\n*.Offline.min_duration= 600000\n#note about qps\n#alone\n#note = 1');
    expect(conf.problems.map(({ kind, line, effect }) => ({ kind, line, effect }))).toEqual([
      { kind: 'non-numeric-value', line: 1, effect: 'rejected' },
      { kind: 'expected-equals', line: 2, effect: 'rejected' },
      { kind: 'comment-without-space', line: 3, effect: 'rejected' },
    ]);
    expect(conf.rejected).toBe(true);
    expect(conf.entries.get('*.Offline.target_qps')?.value).toBe('100');
    expect(conf.entries.has('#note')).toBe(false);
    expect(lookupConfSetting(conf, 'resnet50', 'Offline', 'target_qps')).toBeUndefined();
  });

  it('keeps the last of several values, as LoadGen does', () => {
    const conf = parseLoadgenConf('*.Server.target_qps = 10 20');
    expect(conf.problems.map(({ kind, word }) => ({ kind, word }))).toEqual([{ kind: 'several-values', word: '20' }]);
    expect(conf.entries.get('*.Server.target_qps')?.value).toBe('20');
  });

  it('accepts the numbers strtoul and strtod accept, whole', () => {
    for (const word of ['1', '-3', '0x1F', '2.5', '.5', '1e3', '1.5E-2', 'inf', 'NaN', '0x1.8p3']) expect(isLoadgenNumber(word), word).toBe(true);
    for (const word of ['', '1,000', '10ms', '0x', 'true', '#', '1.2.3']) expect(isLoadgenNumber(word), word).toBe(false);
  });

  it('splits keys whose model name holds dots', () => {
    expect(splitConfKey('wan-2.2-t2v-a14b.SingleStream.target_latency')).toEqual({ model: 'wan-2.2-t2v-a14b', scenario: 'SingleStream', setting: 'target_latency' });
    expect(problemsOf('wan-2.2-t2v-a14b.Offline.target_qps = 0.02')).toEqual([]);
    expect(splitConfKey('.Offline.target_qps')).toBeUndefined();
    expect(splitConfKey('a..b')).toBeUndefined();
  });

  it('reads a file, and refuses a binary one', async () => {
    const result = await loadgenConfParser.parse(source('*.Offline.target_qps = 100\n'));
    expect(result.ok && result.value.entries.get('*.Offline.target_qps')?.value).toBe('100');
    expect((await loadgenConfParser.parse(source(Buffer.from([0x00, 0x01, 0x02])))).ok).toBe(false);
  });
});
