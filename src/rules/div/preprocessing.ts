import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readNpy } from '../../division/npy.ts';
import { compareTensor, type DifferenceStatus, type TensorComparison, type TensorDeclaration } from '../../division/preprocessing.ts';
import { evidenceFor } from '../../division/submitted-model.ts';
import { openDataset } from '../../harness/datasets.ts';
import { DEFAULT_SEED } from '../../harness/run-harness.ts';
import { rankSamples } from '../../harness/sampler.ts';
import { defineRule } from '../rule.ts';

/** One submitted tensor against the reference preprocessing of its sample (`fill` writes it, or says why it cannot). */
async function compareOne(file: string, fill: (reference: Float32Array) => Promise<string | undefined>, shape: readonly [number, number, number], declaration: TensorDeclaration): Promise<TensorComparison> {
  const array = readNpy(await readFile(file));
  if (!array.ok) return array;
  const reference = new Float32Array(shape[0] * shape[1] * shape[2]);
  const problem = await fill(reference);
  if (problem !== undefined) return { ok: false, problem: `its reference sample: ${problem}` };
  return compareTensor(array.value, reference, shape, declaration);
}

/** Decoding and preprocessing a reference image costs about 15 ms: a few dozen samples settle the question. */
const DEFAULT_TENSOR_SAMPLES = 32;

export default defineRule({
  id: 'div/preprocessing',
  meta: {
    description: "The preprocessed tensors a closed or network result's submitter provides equal the reference preprocessing's for a seeded sample of them, within the spec's max and mean |Δ| thresholds.",
    category: 'div',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'open', 'network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §6.1 (closed: "pre-processing … equivalent to the reference"), §7.1 (the preprocessing that may differ: transpositions, padding, numerical formats, one consistent crop); §6.3 (open: arbitrary preprocessing); harness.md §4.6.',
    messages: {
      differs:
        '{{failed}} of {{compared}} sampled tensors in {{dir}} differ from the reference preprocessing beyond the limits (mean |Δ| > 0.5 or max |Δ| > 8 grey levels; worst: qsl_idx {{worstIndex}}, mean {{worstMean}}, max {{worstMax}}): another decoder, resampler or crop. Use the reference preprocessing, or move the result to the open division.',
      differsSlightly:
        '{{warned}} of {{compared}} sampled tensors in {{dir}} differ from the reference preprocessing by more than rounding (worst: qsl_idx {{worstIndex}}, mean |Δ| {{worstMean}}, max {{worstMax}}), though within the failure limits. Check the decoder and the resampler against the reference.',
      openDifference: '{{differing}} of {{compared}} sampled tensors in {{dir}} differ from the reference preprocessing; the open division allows other preprocessing, the closed division would not.',
      unreadableTensor: '{{count}} sampled tensors in {{dir}} cannot be compared (first, {{file}}: {{problem}}). Write them as .npy arrays of the declared layout and scale.',
      noTensors: 'No preprocessed tensors are configured for this result (submittedTensors in the harness configuration), so the preprocessing is judged only functionally, by harness/rerun\'s agreement with the reference model.',
      cannotCompare: 'The preprocessed tensors of this result cannot be compared: {{reason}}.',
    },
    messageSeverities: { differsSlightly: 'warning', openDifference: 'info', unreadableTensor: 'warning', noTensors: 'info', cannotCompare: 'warning' },
    rejects: 'scenario',
    official: false,
    needsHarness: { evidence: "the submitter's preprocessed input tensors (submittedTensors) and the reference data set (references.<benchmark>.dataset)" },
  },
  async check({ unit, harness, report }) {
    if (harness === undefined) return;
    const tensors = evidenceFor(harness.config.submittedTensors, unit);
    if (tensors === undefined) {
      report({ messageId: 'noTensors' });
      return;
    }
    const datasetDir = harness.config.references[unit.benchmark]?.dataset;
    if (datasetDir === undefined) {
      report({ messageId: 'cannotCompare', data: { reason: `the harness configuration names no data set for ${unit.benchmark} (references.${unit.benchmark}.dataset) to preprocess` } });
      return;
    }
    const [dataset, names] = await Promise.all([openDataset(datasetDir), readdir(tensors.dir).catch(() => undefined)]);
    if (!dataset.ok || names === undefined) {
      report({ messageId: 'cannotCompare', data: { reason: dataset.ok ? `${tensors.dir} is not a readable folder` : dataset.problem } });
      return;
    }
    const [channels = 0, height = 0, width = 0] = dataset.value.sampleShape;
    if (dataset.value.sampleShape.length !== 3) {
      report({ messageId: 'cannotCompare', data: { reason: `the data set's samples are not images (shape ${dataset.value.sampleShape.join('×')})` } });
      return;
    }
    // A tensor is named after its image file, as the reference caches them, or after its qsl_idx.
    const available = new Set(names);
    const fileOf = (index: number): string | undefined =>
      [`${dataset.value.fileName(index)}.npy`, `${index}.npy`].find((name) => available.has(name));
    const population = Array.from({ length: dataset.value.size }, (_, index) => index).filter((index) => fileOf(index) !== undefined);
    if (population.length === 0) {
      report({ messageId: 'cannotCompare', data: { reason: `${tensors.dir} holds no <image file>.npy or <qsl_idx>.npy of the data set's samples` } });
      return;
    }
    const sampled = rankSamples({ seed: harness.config.seed ?? DEFAULT_SEED, benchmark: unit.benchmark, population }).slice(0, Math.min(harness.config.samples ?? DEFAULT_TENSOR_SAMPLES, DEFAULT_TENSOR_SAMPLES));
    const counts: Record<DifferenceStatus, number> = { pass: 0, warn: 0, fail: 0 };
    let worst: { index: number; mean: number; max: number } | undefined;
    const unreadable: { file: string; problem: string }[] = [];
    for (const index of sampled) {
      const file = fileOf(index) as string;
      const compared = await compareOne(path.join(tensors.dir, file), async (reference) => (await dataset.value.fill([index], reference))[0], [channels, height, width], tensors);
      if (!compared.ok) {
        unreadable.push({ file, problem: compared.problem });
        continue;
      }
      counts[compared.value.status]++;
      if (worst === undefined || compared.value.meanAbs > worst.mean) worst = { index, mean: compared.value.meanAbs, max: compared.value.maxAbs };
    }
    const compared = counts.pass + counts.warn + counts.fail;
    const evidence = { dir: tensors.dir, compared, worstIndex: worst?.index ?? 0, worstMean: (worst?.mean ?? 0).toFixed(3), worstMax: (worst?.max ?? 0).toFixed(1) };
    if (unit.division === 'open') {
      if (counts.warn + counts.fail > 0) report({ messageId: 'openDifference', data: { ...evidence, differing: counts.warn + counts.fail } });
    } else if (counts.fail > 0) report({ messageId: 'differs', data: { ...evidence, failed: counts.fail } });
    else if (counts.warn > 0) report({ messageId: 'differsSlightly', data: { ...evidence, warned: counts.warn } });
    const first = unreadable[0];
    if (first !== undefined) report({ messageId: 'unreadableTensor', data: { count: unreadable.length, dir: tensors.dir, file: first.file, problem: first.problem.replace(/\.$/, '') } });
  },
});
