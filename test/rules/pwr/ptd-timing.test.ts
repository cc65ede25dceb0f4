import rule from '../../../src/rules/pwr/ptd-timing.ts';
import { testRule } from '../../support/rule-tester.ts';
import type { RealResult } from '../../support/shared-data.ts';
import { editJson, editText, offline, performanceFile, ROUND, withoutKey, withValue, type Json, type Tree } from './power-result.ts';

const client = performanceFile(offline, 'power/client.json');
const server = performanceFile(offline, 'power/server.json');
const rangingLog = performanceFile(offline, 'ranging/mlperf_log_detail.txt');
const rangingSpl = performanceFile(offline, 'ranging/spl.txt');
const runSpl = performanceFile(offline, 'run_1/spl.txt');
type Phases = Record<'ranging' | 'testing', number[][]>;
const editPhases = (tree: RealResult | Tree, path: string, edit: (phases: Phases) => void): Tree => editJson(tree, path, (json: Json) => edit(json['phases'] as Phases));
const doubled = (text: string): string => text.replace(/Watts,([\d.]+)/g, (_, watts: string) => `Watts,${Number(watts) * 2}`);

/** A measured run that ends after 150 s (ranging: 657 s), with a ranging run that drew twice the power. */
const shortRunAndPowerDrop = editText(
  editText(offline, performanceFile(offline, 'run_1/mlperf_log_detail.txt'), (text) => withValue(text, 'power_end', '07-23-2024 13:50:00.000')),
  rangingSpl,
  doubled,
);

testRule(rule, {
  valid: [
    { name: 'a real power result', round: ROUND, tree: offline.tree },
    // The official checker raises its short-run warning first and never compares the powers.
    { name: 'a power drop after a much shorter measured run, officially', round: ROUND, profile: 'official', tree: shortRunAndPowerDrop },
  ],
  invalid: [
    {
      name: 'a power drop after a much shorter measured run, by the rules',
      round: ROUND,
      tree: shortRunAndPowerDrop,
      errors: [{ messageId: 'powerDrop', file: runSpl, message: 'is -51.03 % off' }],
    },
    {
      name: 'the ranging run drew twice the power',
      round: ROUND,
      profile: 'official',
      tree: editText(offline, rangingSpl, doubled),
      errors: [{ messageId: 'powerDrop', file: runSpl }],
    },
    {
      name: 'server clock 1.5 s ahead in the first ranging phase',
      round: ROUND,
      tree: editPhases(offline, server, (phases) => {
        (phases.ranging[0] as number[])[0] = ((phases.ranging[0] as number[])[0] as number) + 1.5;
      }),
      errors: [{ messageId: 'clockDifference', file: server, message: 'ranging phase 1 differ by' }],
    },
    {
      name: 'a testing phase missing on the server',
      round: ROUND,
      tree: editPhases(offline, server, (phases) => {
        phases.testing.pop();
      }),
      errors: [{ messageId: 'phaseCount', message: 'testing phases (4 and 3)' }],
    },
    {
      name: 'the measured run starts before its phase',
      round: ROUND,
      tree: [client, server].reduce<Tree>((tree, path) => editPhases(tree, path, (phases) => ((phases.testing[1] as number[])[0] = 1721743000)), offline.tree),
      errors: [{ messageId: 'outsidePhase', message: 'testing run begins outside the testing phase' }],
    },
    {
      name: 'no power_begin in the ranging log',
      round: ROUND,
      tree: editText(offline, rangingLog, (text) => withoutKey(text, 'power_begin')),
      errors: [{ messageId: 'noLoadgenTimes', file: rangingLog, message: 'has no power_begin time' }],
    },
    {
      name: 'a ranging sample without a power factor',
      round: ROUND,
      tree: editText(offline, rangingSpl, (text) => text.replace(/(Time,07-23-2024 13:35:0\d\.\d+,Watts,[\d.]+,Volts,[\d.]+,Amps,[\d.]+),PF,[^\n]*/, '$1')),
      errors: [{ messageId: 'badSample', file: rangingSpl, message: 'power factor' }],
    },
    {
      name: 'phases that are not a list',
      round: ROUND,
      tree: editJson(offline, client, (json) => {
        json['phases'] = { ranging: 'x', testing: [] };
      }),
      errors: [{ messageId: 'malformed', file: client, message: 'client.json cannot be used to time the session' }],
    },
  ],
});
