import { describe, expect, it } from 'vitest';
import { FileLoader } from '../../src/checkers/file-loader.ts';
import { equalIssueFromConf, measurementsJsonName, powerMeasurementFolders } from '../../src/checkers/inference/measurements.ts';
import { loadRound } from '../../src/rounds/load-round.ts';
import { MemoryFs } from '../../src/tree/memory-fs.ts';
import { SubmissionIndex } from '../../src/tree/submission-index.ts';
import { discoverUnits, type ScenarioUnit } from '../../src/tree/units.ts';
import type { Tree } from '../support/rule-tester.ts';
import { realResult, withChanges } from '../support/shared-data.ts';

const gptj = realResult('v4.1', 'closed/ConnectTechInc/results/Orin_TRT/gptj-99/Offline');
const measurements = 'closed/ConnectTechInc/measurements/Orin_TRT/gptj-99/Offline';

async function context(tree: Tree, round: string) {
  const fs = new MemoryFs(tree);
  const index = new SubmissionIndex(await fs.walk());
  const roundData = loadRound(round);
  const unit = discoverUnits(index, roundData).ofKind('scenario')[0] as ScenarioUnit;
  const loader = new FileLoader(fs, index);
  return { index, round: roundData, unit, load: loader.load.bind(loader) };
}

describe('equalIssueFromConf (the v4.1 monolith reading sample_concatenate_permutation from the conf files)', () => {
  it('finds equal issue enabled in a real v4.1 gptj result', async () => {
    const { load, unit } = await context(gptj.tree, 'v4.1');
    expect(await equalIssueFromConf(load, unit)).toMatchObject({ crashed: false, enabled: true, at: { file: `${measurements}/mlperf.conf` } });
  });

  it('lets a deciding user.conf line override mlperf.conf, matching the model without -99 and the folder scenario', async () => {
    const tree = withChanges(gptj.tree, { [`${measurements}/user.conf`]: '# off for this run\ngptj.Offline.sample_concatenate_permutation = 0\n' });
    const { load, unit } = await context(tree, 'v4.1');
    expect(await equalIssueFromConf(load, unit)).toEqual({ crashed: false, enabled: false, at: { file: `${measurements}/user.conf`, line: 2 } });
  });

  it('reports the line on which the monolith raises', async () => {
    const tree = withChanges(gptj.tree, { [`${measurements}/user.conf`]: 'gptj.Offline.target_qps = 64\n\t# tab-indented comment\n' });
    const { load, unit } = await context(tree, 'v4.1');
    expect(await equalIssueFromConf(load, unit)).toEqual({ crashed: true, file: `${measurements}/user.conf`, line: 2, text: '\t# tab-indented comment' });
  });
});

describe('measurements helpers', () => {
  it('picks the first <system>*.json in name order up to v5.1, with no preference for the _<scenario>.json name', async () => {
    const tree = withChanges(gptj.tree, { [`${measurements}/Orin_TRT.json`]: '{}', [`${measurements}/cpu_info.json`]: '{}' });
    const { index, round, unit } = await context(tree, 'v4.1');
    expect(measurementsJsonName(round, index, unit)).toBe('Orin_TRT.json');
  });

  it('takes measurements.json, exactly, from v6.0', async () => {
    const result = realResult('v6.0', 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b/Offline');
    const { index, round, unit } = await context(result.tree, 'v6.0');
    expect(measurementsJsonName(round, index, unit)).toBe('measurements.json');
    const renamed = await context(withChanges(result.tree, { [`${result.path}/measurements.json`]: undefined, [`${result.path}/Measurements.json`]: '{}' }), 'v6.0');
    expect(measurementsJsonName(renamed.round, renamed.index, renamed.unit)).toBeUndefined();
  });

  it('searches the measurements folder and its three parents for power files', async () => {
    const { unit } = await context(gptj.tree, 'v4.1');
    expect(powerMeasurementFolders(unit)).toEqual([
      measurements,
      'closed/ConnectTechInc/measurements/Orin_TRT/gptj-99',
      'closed/ConnectTechInc/measurements/Orin_TRT',
      'closed/ConnectTechInc/measurements',
    ]);
  });
});
