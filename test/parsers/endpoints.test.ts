import { describe, expect, it } from 'vitest';
import { endpointsConfigParser, endpointsJsonParser, nested, synthesizeEndpointsKeys } from '../../src/parsers/endpoints.ts';
import { sourceOf } from '../support/file-source.ts';

describe('endpoints config.yaml parser', () => {
  it('reads YAML 1.1 as PyYAML does, keeping 64-bit seeds exact', async () => {
    const result = await endpointsConfigParser.parse(
      sourceOf('type: "Offline"\nsettings:\n  runtime:\n    min_duration_ms: 600000\n    scheduler_random_seed: 16159082839903944936\n    dataloader_random_seed: 42\n', 'config.yaml'),
    );
    if (!result.ok) throw new Error('expected a parsed config');
    expect(result.value.data).toEqual({ type: 'Offline', settings: { runtime: { min_duration_ms: 600000, scheduler_random_seed: 16159082839903944936n, dataloader_random_seed: 42 } } });
  });

  it('reads an empty file as an empty mapping and reports invalid YAML', async () => {
    expect(await endpointsConfigParser.parse(sourceOf('', 'config.yaml'))).toEqual({ ok: true, value: { data: {} } });
    expect(await endpointsConfigParser.parse(sourceOf('type: [Offline\n', 'config.yaml'))).toMatchObject({ ok: false, problems: [{ kind: 'malformed' }] });
  });
});

describe('endpoints JSON parser', () => {
  it('reads any JSON document and reports invalid JSON', async () => {
    expect(await endpointsJsonParser.parse(sourceOf('[1, 2]', 'a.json'))).toEqual({ ok: true, value: { data: [1, 2] } });
    expect(await endpointsJsonParser.parse(sourceOf('{"qps": ', 'a.json'))).toMatchObject({ ok: false, problems: [{ kind: 'malformed', message: expect.stringContaining('is not valid JSON') }] });
  });
});

describe('nested keys (_get_nested)', () => {
  const data = { latency: { early_stopping_percentiles: { '99.9': 3, '99': 2, '50.0': 1 } }, ttft: {}, tps: null };
  it('takes the longest run of parts that names a key, and a trailing .0 after a value', () => {
    expect(nested(data, 'latency.early_stopping_percentiles.99.9')).toBe(3);
    expect(nested(data, 'latency.early_stopping_percentiles.99.0')).toBe(2);
    expect(nested(data, 'latency.early_stopping_percentiles.50.0')).toBe(1);
    expect(nested(data, 'latency.early_stopping_percentiles.90.0')).toBeUndefined();
  });

  it('treats null, empty objects and non-objects as absent', () => {
    expect(nested(data, 'ttft')).toBeUndefined();
    expect(nested(data, 'tps')).toBeUndefined();
    expect(nested([1], '0')).toBeUndefined();
  });
});

describe('synthesized LoadGen keys (EndpointsParser)', () => {
  const config = { type: 'Offline', settings: { runtime: { min_duration_ms: 600000, dataloader_random_seed: 7, scheduler_random_seed: 9 } }, qps: 1 };
  const summary = { n_samples_issued: 1000, duration_ns: 500_000_000_000, tps: 42.5, n_samples_failed: 2, latency: { avg: 10, early_stopping_percentiles: { '99.0': 20 } } };

  it('maps the performance summary, the config and the derived QPS', () => {
    const keys = synthesizeEndpointsKeys({ summary, accuracyResults: {}, config }, 'performance');
    expect(Object.fromEntries(keys)).toMatchObject({
      effective_scenario: 'Offline',
      qsl_reported_total_count: 1000,
      generated_query_count: 1000,
      effective_min_duration_ms: 600000,
      effective_sample_index_rng_seed: 7,
      effective_schedule_rng_seed: 9,
      // The config's own `qps` counts too: the files are merged key by key.
      result_completed_samples_per_sec: 1,
      result_completed_tokens_per_second: 42.5,
      result_mean_latency_ns: 10,
      'result_99.00_percentile_latency_ns': 20,
      num_errors: 2,
      // 1000 samples in 500 s: inferred for an Offline run, whose QPS key no file gives.
      result_samples_per_second: 2,
    });
    expect(keys.has('accuracy_score')).toBe(false);
  });

  it('prefers result_summary.json to config.yaml and keeps a QPS a file gives', () => {
    const keys = synthesizeEndpointsKeys({ summary: { ...summary, qps: 3, min_duration_ms: 1 }, accuracyResults: {}, config: { ...config, type: 'online' } }, 'performance');
    expect(keys.get('effective_min_duration_ms')).toBe(1);
    expect(keys.get('result_completed_samples_per_sec')).toBe(3);
    expect(keys.has('result_samples_per_second')).toBe(false);
  });

  it('sums the samples of the accuracy datasets and keeps the first score', () => {
    const accuracyResults = {
      accuracy_scores: [
        { dataset_name: 'aime25', dataset_type: 'accuracy', total_samples: 240, score: { exact_match: 82.92 } },
        { dataset_name: 'perf', dataset_type: 'performance', total_samples: 6396, score: 1 },
        { dataset_name: 'gpqa', response_counts: { issued: 990 }, score: 76.87 },
      ],
    };
    const keys = synthesizeEndpointsKeys({ summary, accuracyResults, config }, 'accuracy');
    expect(keys.get('effective_accuracy_sample_count')).toBe(1230);
    expect(keys.get('qsl_reported_total_count')).toBe(1230);
    expect(keys.get('accuracy_score')).toEqual({ exact_match: 82.92 });
    // The accuracy run reads no performance summary.
    expect(keys.has('result_completed_tokens_per_second')).toBe(false);
  });
});
