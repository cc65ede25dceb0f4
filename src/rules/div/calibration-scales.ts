import { readFile } from 'node:fs/promises';
import { activationQuantizers, fitRatio, observeRanges } from '../../division/calibration-scales.ts';
import { evidenceFor } from '../../division/submitted-model.ts';
import { openDataset, type HarnessDataset } from '../../harness/datasets.ts';
import { decodeModel } from '../../harness/onnx/model-builder.ts';
import { DEFAULT_SEED } from '../../harness/run-harness.ts';
import { rankSamples } from '../../harness/sampler.ts';
import { defineRule } from '../rule.ts';

/** A scale more than twice or less than half what MinMax on the declared set gives was not calibrated on that set. */
const REPRODUCED_FACTOR = 2;
/**
 * MinMax on the set a model was really calibrated on reproduces its scales exactly (ratio 1); a misfit of the declared
 * set beyond 5 %, with the validation data fitting at least twice as closely (in log ratio), says the scales came from
 * other data than declared.
 */
const MISFIT_FACTOR = 1.05;

const logDistance = (ratio: number): number => Math.abs(Math.log(ratio));

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The data set indices a calibration list names: qsl_idx values, or image files of the data set. */
function calibrationIndices(text: string, dataset: HarnessDataset): { indices: number[]; unknown: string[] } {
  const byFile = new Map<string, number>();
  for (let index = 0; index < dataset.size; index++) {
    const name = dataset.fileName(index);
    if (name !== undefined) byFile.set(name, index);
  }
  const indices: number[] = [];
  const unknown: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const entry = line.trim().split(/\s+/)[0] ?? '';
    if (entry === '') continue;
    const index = /^\d+$/.test(entry) && Number(entry) < dataset.size ? Number(entry) : byFile.get(entry);
    if (index === undefined) unknown.push(entry);
    else indices.push(index);
  }
  return { indices: [...new Set(indices)], unknown };
}

async function samplesOf(dataset: HarnessDataset, indices: readonly number[]): Promise<Float32Array> {
  const size = dataset.sampleShape.reduce((product, dim) => product * dim, 1);
  const batch = new Float32Array(indices.length * size);
  await dataset.fill(indices, batch);
  return batch;
}

export default defineRule({
  id: 'div/calibration-scales',
  meta: {
    description: "The activation scales of a submitted QDQ model are reproduced by MinMax calibration of the reference model on the submitter's declared calibration set, and do not fit the validation data better than that set.",
    category: 'div',
    scope: 'scenario',
    severity: 'error',
    divisions: ['closed', 'network'],
    rounds: {},
    ruleText:
      'inference_rules.adoc §8.1 ("Calibration is allowed and must only use the calibration data set provided by the benchmark owner"), §8.2 (disallowed: "Incorporating explicit statistical information about the performance or accuracy sets"); harness.md §4.7.',
    messages: {
      fitsValidation:
        'The activation scales of {{model}} fit the validation data better than the declared calibration set: {{tensors}} (span of the quantized range over the observed span; 1 = MinMax on that data). Calibrate only on the calibration set, and declare the samples used.',
      notReproduced: 'The activation scales of {{model}} are not what MinMax calibration on the declared calibration set gives: {{tensors}}. If another method was used (percentile, entropy), describe it so it can be reproduced; otherwise declare the samples actually used.',
      noQuantizers: 'The submitted model {{model}} has no per-tensor activation quantizers, so there are no scales to reproduce.',
      noEvidence: 'The activation scales cannot be reproduced without {{missing}} in the harness configuration.',
      cannotCompare: 'The activation scales cannot be reproduced: {{reason}}.',
    },
    messageSeverities: { notReproduced: 'warning', noQuantizers: 'info', noEvidence: 'info', cannotCompare: 'warning' },
    rejects: 'scenario',
    official: false,
    needsHarness: { evidence: 'the QDQ model each result ran (submittedModels), the reference model and data set (references), and the calibration images (calibrationLists)' },
  },
  async check({ unit, harness, report }) {
    if (harness === undefined) return;
    const model = evidenceFor(harness.config.submittedModels, unit);
    const listFile = evidenceFor(harness.config.calibrationLists, unit);
    const reference = harness.config.references[unit.benchmark];
    const missing = [...(model === undefined ? ['the submitted model (submittedModels)'] : []), ...(listFile === undefined ? ['the declared calibration list (calibrationLists)'] : []), ...(reference === undefined ? [`the reference model and data set (references.${unit.benchmark})`] : [])];
    if (model === undefined || listFile === undefined || reference === undefined) {
      report({ messageId: 'noEvidence', data: { missing: missing.join(', ') } });
      return;
    }
    const [submittedBytes, referenceBytes, listText, dataset] = await Promise.all([readFile(model).catch(() => undefined), readFile(reference.model).catch(() => undefined), readText(listFile), openDataset(reference.dataset)]);
    const unreadable = [...(submittedBytes === undefined ? [model] : []), ...(referenceBytes === undefined ? [reference.model] : []), ...(listText === undefined ? [listFile] : [])];
    if (submittedBytes === undefined || referenceBytes === undefined || listText === undefined || !dataset.ok) {
      report({ messageId: 'cannotCompare', data: { reason: dataset.ok ? `${unreadable.join(', ')} cannot be read` : dataset.problem } });
      return;
    }
    const quantizers = activationQuantizers(submittedBytes);
    if (quantizers.length === 0) {
      report({ messageId: 'noQuantizers', data: { model } });
      return;
    }
    // One decode of the reference gives its sample input (the first graph input that is not a weight) and its tensors.
    const referenceGraph = decodeModel(referenceBytes).graph;
    const weights = new Set((referenceGraph?.initializer ?? []).map((initializer) => initializer.name));
    const graphInputs = (referenceGraph?.input ?? []).map((value) => value.name ?? '').filter((name) => !weights.has(name));
    const input = graphInputs[0];
    const calibration = calibrationIndices(listText, dataset.value);
    if (input === undefined || calibration.indices.length === 0) {
      report({ messageId: 'cannotCompare', data: { reason: input === undefined ? `${reference.model} has no input the harness can read` : `${listFile} names no sample of the data set (first entries: ${calibration.unknown.slice(0, 3).join(', ')})` } });
      return;
    }
    // A validation subset as large as the declared set, drawn with the harness's seed from the other samples.
    const declared = new Set(calibration.indices);
    const population = Array.from({ length: dataset.value.size }, (_, index) => index).filter((index) => !declared.has(index) && dataset.value.label(index) !== undefined);
    const validation = rankSamples({ seed: harness.config.seed ?? DEFAULT_SEED, benchmark: unit.benchmark, population }).slice(0, calibration.indices.length);
    const referenceTensors = new Set([...graphInputs, ...(referenceGraph?.node ?? []).flatMap((graphNode) => graphNode.output ?? [])]);
    const tensors = quantizers.map((quantizer) => quantizer.tensor).filter((tensor) => referenceTensors.has(tensor));
    if (tensors.length === 0) {
      report({ messageId: 'cannotCompare', data: { reason: `none of the quantized tensors (${quantizers.map((quantizer) => quantizer.tensor).join(', ')}) exists in the reference model under that name` } });
      return;
    }
    const shape = dataset.value.sampleShape;
    const [onCalibration, onValidation] = [
      await observeRanges(referenceBytes, tensors, input, await samplesOf(dataset.value, calibration.indices), calibration.indices.length, shape),
      await observeRanges(referenceBytes, tensors, input, await samplesOf(dataset.value, validation), validation.length, shape),
    ];
    const misfits: string[] = [];
    const unreproduced: string[] = [];
    for (const quantizer of quantizers) {
      const calibrated = onCalibration.get(quantizer.tensor);
      const validated = onValidation.get(quantizer.tensor);
      if (calibrated === undefined || validated === undefined) continue;
      const onDeclared = fitRatio(quantizer, calibrated);
      const onValidationData = fitRatio(quantizer, validated);
      const text = `${quantizer.tensor} ${onDeclared.toFixed(3)} on the declared set, ${onValidationData.toFixed(3)} on ${validation.length} validation samples`;
      if (logDistance(onDeclared) > Math.log(MISFIT_FACTOR) && logDistance(onValidationData) < logDistance(onDeclared) / 2) misfits.push(text);
      else if (logDistance(onDeclared) > Math.log(REPRODUCED_FACTOR)) unreproduced.push(text);
    }
    if (misfits.length > 0) report({ messageId: 'fitsValidation', data: { model, tensors: misfits.join('; ') } });
    if (unreproduced.length > 0) report({ messageId: 'notReproduced', data: { model, tensors: unreproduced.join('; ') } });
  },
});
