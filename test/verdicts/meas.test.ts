import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditTree } from '../support/audit-tree.ts';
import { realResult, sharedInference, withChanges } from '../support/shared-data.ts';
import { moved, withJsonFields } from '../support/tree-edits.ts';

/**
 * Official verdicts for the measurement checks (spec §1.3). The monolith (up to v5.1) runs them in
 * check_measurement_dir; any failure there sets results[<measurements folder>] = None and skips the result, whose own
 * entry stays None: two NoResults lines. The modular checker (v6.0+) fails MeasurementsCheck: one NoResults line.
 * The monolith cases use open-division results, so that no required-scenario check of the closed division adds to the
 * verdicts.
 */

const hpe = realResult('v4.1', 'open/HPE/results/HPE_Cray_XD670_H100_SXM_80GBx8_TRT/gptj-99.9/Offline');
const hpeMeasurements = 'open/HPE/measurements/HPE_Cray_XD670_H100_SXM_80GBx8_TRT/gptj-99.9/Offline';
const hpeRejected = [`NoResults ${hpeMeasurements}`, `NoResults ${hpe.path}`];

const lenovo = realResult('v5.1', 'open/Lenovo/results/se100_ultra7_255h/resnet50/Offline');
const lenovoMeasurements = 'open/Lenovo/measurements/se100_ultra7_255h/resnet50/Offline';
const lenovoJson = `${lenovoMeasurements}/se100_ultra7_255h.json`;
const lenovoRejected = [`NoResults ${lenovoMeasurements}`, `NoResults ${lenovo.path}`];

const redhatOffline = realResult('v6.0', 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b/Offline');
const redhatServer = realResult('v6.0', 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b/Server');
const redhat = { ...redhatOffline.tree, ...redhatServer.tree };
const redhatServerAccepted = `Results ${redhatServer.path} 24103.2`;
const redhatOfflineRejected = [`NoResults ${redhatOffline.path}`, redhatServerAccepted];

describe('meas verdicts, monolith (v4.1, v5.1)', () => {
  it('accepts the real results as they are', async () => {
    expect((await auditTree(hpe.tree, { round: 'v4.1' })).lines).toEqual([`Results ${hpe.path} 19889.7`]);
    expect((await auditTree(lenovo.tree, { round: 'v5.1' })).lines).toEqual([`Results ${lenovo.path} 757.865`]);
  });

  it('meas/required-files: v4.1 without mlperf.conf ("is missing mlperf.conf")', async () => {
    const { lines } = await auditTree(withChanges(hpe.tree, { [`${hpeMeasurements}/mlperf.conf`]: undefined }), { round: 'v4.1' });
    expect(lines).toEqual(hpeRejected);
  });

  it('meas/nonempty-files: an empty README.md ("is having empty README.md")', async () => {
    const { lines } = await auditTree(withChanges(lenovo.tree, { [`${lenovoMeasurements}/README.md`]: '' }), { round: 'v5.1' });
    expect(lines).toEqual(lenovoRejected);
  });

  it('meas/json-exists: the JSON under the policy name model-info.json ("is missing <system>*.json")', async () => {
    const { lines } = await auditTree(moved(lenovo.tree, lenovoJson, `${lenovoMeasurements}/model-info.json`), { round: 'v5.1' });
    expect(lines).toEqual(lenovoRejected);
  });

  it('meas/json-fields: an empty field ("is missing meaningful value")', async () => {
    const json = `${hpeMeasurements}/HPE_Cray_XD670_H100_SXM_80GBx8_TRT_Offline.json`;
    const { lines } = await auditTree(withJsonFields(hpe.tree, json, { retraining: '' }), { round: 'v4.1' });
    expect(lines).toEqual(hpeRejected);
  });

  it('meas/json-fields: invalid JSON (json.load raises and the monolith stops; we reject the result)', async () => {
    const { lines } = await auditTree(withChanges(lenovo.tree, { [lenovoJson]: '{ "retraining": "No", }' }), { round: 'v5.1' });
    expect(lines).toEqual(lenovoRejected);
  });

  describe('meas/power-files (a real v4.1 power result, moved to the open division)', () => {
    const power = realResult('v4.1', 'closed/UntetherAI/results/h13_u3_slim/resnet50/offline');
    const systemFolder = 'open/UntetherAI/measurements/h13_u3_slim';
    const shared = (file: string) => readFileSync(path.join(sharedInference('v4.1'), 'closed/UntetherAI/measurements/h13_u3_slim', file));
    const tree = withChanges(withJsonFields(moved(power.tree, 'closed', 'open'), 'open/UntetherAI/systems/h13_u3_slim.json', { division: 'open' }), {
      [`${systemFolder}/analyzer_table.md`]: shared('analyzer_table.md'),
      [`${systemFolder}/power_settings.md`]: shared('power_settings.md'),
    });
    const result = 'open/UntetherAI/results/h13_u3_slim/resnet50/offline';

    it('accepts it with its analyzer table and power settings two folders up', async () => {
      const { lines } = await auditTree(tree, { round: 'v4.1' });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^Results ${result} 168720`));
    });

    it('rejects it without analyzer_table.* ("is missing analyzer_table.*")', async () => {
      const { lines } = await auditTree(withChanges(tree, { [`${systemFolder}/analyzer_table.md`]: undefined }), { round: 'v4.1' });
      expect(lines).toEqual([`NoResults ${systemFolder}/resnet50/offline`, `NoResults ${result}`]);
    });
  });

  it('meas/equal-issue-conf-syntax: a line the v4.1 parser cannot split (ValueError stops the run; we reject the result)', async () => {
    const offline = realResult('v4.1', 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99.9/Offline');
    const server = realResult('v4.1', 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99.9/Server');
    const measurements = 'closed/AMD/measurements/1xMI300X_2xEPYC-9374F/llama2-70b-99.9/Offline';
    const tree = { ...offline.tree, ...server.tree };
    const accepted = (await auditTree(tree, { round: 'v4.1' })).lines;
    expect(accepted).toEqual([`Results ${offline.path} 3062.72`, `Results ${server.path} 2520.27`]);
    const broken = withChanges(tree, { [`${measurements}/user.conf`]: 'llama2-70b.Offline.target_qps = 10\n\t# tuned\n' });
    // As for any measurements failure of a required scenario, the closed benchmark is recorded as missing it too.
    const benchmark = offline.path.slice(0, offline.path.lastIndexOf('/'));
    expect((await auditTree(broken, { round: 'v4.1' })).lines).toEqual([`NoResults ${measurements}`, `NoResults ${benchmark}`, `NoResults ${offline.path}`, `Results ${server.path} 2520.27`]);
  });
});

describe('meas verdicts, modular checker (v6.0)', () => {
  it('accepts the real results as they are', async () => {
    expect((await auditTree(redhat, { round: 'v6.0' })).lines).toEqual([`Results ${redhatOffline.path} 28680.0`, redhatServerAccepted]);
  });

  it('meas/required-files: without user.conf (required_files_check)', async () => {
    const { lines } = await auditTree(withChanges(redhat, { [`${redhatOffline.path}/user.conf`]: undefined }), { round: 'v6.0' });
    expect(lines).toEqual(redhatOfflineRejected);
  });

  it('meas/nonempty-files: an empty README.md (required_files_check)', async () => {
    const { lines } = await auditTree(withChanges(redhat, { [`${redhatOffline.path}/README.md`]: '' }), { round: 'v6.0' });
    expect(lines).toEqual(redhatOfflineRejected);
  });

  it('meas/json-exists: Measurements.json instead of measurements.json (missing_check)', async () => {
    const { lines } = await auditTree(moved(redhat, `${redhatOffline.path}/measurements.json`, `${redhatOffline.path}/Measurements.json`), { round: 'v6.0' });
    expect(lines).toEqual(redhatOfflineRejected);
  });

  it('meas/json-fields: a field that is 0 (required_fields_check)', async () => {
    const { lines } = await auditTree(withJsonFields(redhat, `${redhatOffline.path}/measurements.json`, { weight_data_types: 0 }), { round: 'v6.0' });
    expect(lines).toEqual(redhatOfflineRejected);
  });

  it('meas/user-conf-lines never rejects: LoadGen would reject this user.conf, the checkers do not read it', async () => {
    const broken = withChanges(redhat, { [`${redhatOffline.path}/user.conf`]: '*.Offline.min_duration = 600000 # ten minutes\n' });
    for (const profile of ['official', 'recommended'] as const) {
      expect((await auditTree(broken, { round: 'v6.0', profile })).lines).toEqual([`Results ${redhatOffline.path} 28680.0`, redhatServerAccepted]);
    }
  });
});
