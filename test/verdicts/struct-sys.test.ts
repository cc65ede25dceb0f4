import { describe, expect, it } from 'vitest';
import { auditTree } from '../support/audit-tree.ts';
import { realResult, withChanges, without } from '../support/shared-data.ts';

// Where the official checkers reject above one result. The monolith (up to v5.1) records `results[<key>] = None` for
// the unit it gives up on and never looks below it (check_results_dir); the modular checker (v6.0+) judges every
// result on its own, so a problem above a result fails each result below it.

const amd = 'closed/AMD/results/8xMI300X_2xEPYC-9374F/llama2-70b-99';
const monolith = { ...realResult('v4.1', `${amd}/Offline`).tree, ...realResult('v4.1', `${amd}/Server`).tree };
const monolithAccepted = [`Results ${amd}/Offline 23514.8`, `Results ${amd}/Server 21028.2`];

const redHat = 'closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b';
const modular = { ...realResult('v6.0', `${redHat}/Offline`).tree, ...realResult('v6.0', `${redHat}/Server`).tree };
const modularAccepted = [`Results ${redHat}/Offline 28680.0`, `Results ${redHat}/Server 24103.2`];

const verdicts = async (tree: Parameters<typeof auditTree>[0], round: string) => (await auditTree(tree, { round })).lines;

describe('monolith (v4.1): the level it gives up at', () => {
  it('accepts the untouched results', async () => {
    expect(await verdicts(monolith, 'v4.1')).toEqual(monolithAccepted);
  });

  it('a file at the root: "root", and nothing else is looked at', async () => {
    expect(await verdicts(withChanges(monolith, { 'notes.txt': 'x' }), 'v4.1')).toEqual(['NoResults root']);
  });

  it('a file directly in the division folder: the division', async () => {
    expect(await verdicts(withChanges(monolith, { 'closed/notes.txt': 'x' }), 'v4.1')).toEqual(['NoResults closed']);
  });

  it('a hidden file in the submitter folder: the submitter', async () => {
    expect(await verdicts(withChanges(monolith, { [`${amd}/Offline/.DS_Store`]: 'x' }), 'v4.1')).toEqual(['NoResults closed/AMD']);
  });

  it('no system description: the system', async () => {
    const tree = without(monolith, 'closed/AMD/systems/8xMI300X_2xEPYC-9374F.json');
    expect(await verdicts(tree, 'v4.1')).toEqual(['NoResults closed/AMD/results/8xMI300X_2xEPYC-9374F']);
  });

  it('a required field missing from the system description: the system', async () => {
    const systemJson = 'closed/AMD/systems/8xMI300X_2xEPYC-9374F.json';
    const { cooling: _cooling, ...description } = JSON.parse(String(monolith[systemJson])) as Record<string, unknown>;
    expect(await verdicts(withChanges(monolith, { [systemJson]: JSON.stringify(description) }), 'v4.1')).toEqual([
      'NoResults closed/AMD/results/8xMI300X_2xEPYC-9374F',
    ]);
  });

  it('a closed benchmark folder that names no model of the round: the benchmark', async () => {
    const renamed = Object.fromEntries(Object.entries(monolith).map(([path, content]) => [path.replace('/llama2-70b-99/', '/llama2-70b-fast/'), content]));
    expect(await verdicts(renamed, 'v4.1')).toEqual(['NoResults closed/AMD/results/8xMI300X_2xEPYC-9374F/llama2-70b-fast']);
  });

  it('a missing required scenario: the benchmark is recorded after its results, which keep their verdicts', async () => {
    const tree = without(without(monolith, `${amd}/Server`), 'closed/AMD/measurements/8xMI300X_2xEPYC-9374F/llama2-70b-99/Server');
    expect(await verdicts(without(tree, 'closed/AMD/compliance/8xMI300X_2xEPYC-9374F/llama2-70b-99/Server'), 'v4.1')).toEqual([
      `NoResults ${amd}`,
      `Results ${amd}/Offline 23514.8`,
    ]);
  });

  it('a required scenario whose performance run fails counts as missing: the result and the benchmark', async () => {
    expect(await verdicts(without(monolith, `${amd}/Server/performance/run_1`), 'v4.1')).toEqual([
      `NoResults ${amd}`,
      `NoResults ${amd}/Server`,
      `Results ${amd}/Offline 23514.8`,
    ]);
  });

  it('a required scenario that fails only its accuracy check still counts as present: the result alone', async () => {
    // required_scenarios.discard() runs once the performance run passed, before "is OK but accuracy has issues".
    expect(await verdicts(without(monolith, `${amd}/Server/accuracy/accuracy.txt`), 'v4.1')).toEqual([`NoResults ${amd}/Server`, `Results ${amd}/Offline 23514.8`]);
  });

  it('a result without its accuracy detail log: the accuracy file list fails, the result alone', async () => {
    expect(await verdicts(without(monolith, `${amd}/Server/accuracy/mlperf_log_detail.txt`), 'v4.1')).toEqual([`NoResults ${amd}/Server`, `Results ${amd}/Offline 23514.8`]);
  });

  it('a missing measurements folder: the result and its measurements folder', async () => {
    const tree = without(monolith, 'closed/AMD/measurements/8xMI300X_2xEPYC-9374F/llama2-70b-99/Server');
    expect(await verdicts(tree, 'v4.1')).toEqual([
      'NoResults closed/AMD/measurements/8xMI300X_2xEPYC-9374F/llama2-70b-99/Server',
      `NoResults ${amd}`,
      `NoResults ${amd}/Server`,
      `Results ${amd}/Offline 23514.8`,
    ]);
  });
});

describe('modular checker (v6.0): every result on its own', () => {
  it('accepts the untouched results', async () => {
    expect(await verdicts(modular, 'v6.0')).toEqual(modularAccepted);
  });

  it('does not look at files in the root or in a division folder', async () => {
    expect(await verdicts(withChanges(modular, { 'notes.txt': 'x', 'closed/notes.txt': 'x' }), 'v6.0')).toEqual(modularAccepted);
  });

  it('no system description: it crashes on the whole tree; we fail the results of that system', async () => {
    const tree = without(modular, 'closed/RedHat/systems/8xH200-LLM-D-Openshift.json');
    expect(await verdicts(tree, 'v6.0')).toEqual([`NoResults ${redHat}/Offline`, `NoResults ${redHat}/Server`]);
  });

  it('a result without its accuracy detail log: the loader stops the whole run; we reject the result', async () => {
    expect(await verdicts(without(modular, `${redHat}/Server/accuracy/mlperf_log_detail.txt`), 'v6.0')).toEqual([`NoResults ${redHat}/Server`, `Results ${redHat}/Offline 28680.0`]);
  });

  it('a missing required scenario fails every result of the benchmark', async () => {
    expect(await verdicts(without(modular, `${redHat}/Offline`), 'v6.0')).toEqual([`NoResults ${redHat}/Server`]);
  });

  it('a scenario folder the model does not have fails every result of the benchmark', async () => {
    const extra = Object.fromEntries(
      Object.entries(realResult('v6.0', `${redHat}/Server`).tree)
        .filter(([path]) => path.startsWith(`${redHat}/Server/`))
        .map(([path, content]) => [path.replace('/Server/', '/SingleStream/'), content]),
    );
    expect(await verdicts({ ...modular, ...extra }, 'v6.0')).toEqual([
      `NoResults ${redHat}/Offline`,
      `NoResults ${redHat}/Server`,
      `NoResults ${redHat}/SingleStream`,
    ]);
  });
});
