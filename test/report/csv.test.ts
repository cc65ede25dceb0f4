import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvReporter, summaryCsvRows } from '../../src/report/csv.ts';
import type { Tree } from '../support/rule-tester.ts';
import { auditTree } from '../support/audit-tree.ts';
import { realResult, withChanges } from '../support/shared-data.ts';

async function summaryCsv(tree: Tree, round: string): Promise<{ text: string; rows: string[] }> {
  const { result } = await auditTree(tree, { round });
  return { text: csvReporter(result, { color: false }), rows: summaryCsvRows(result) };
}

/** The rows by column name, for values without double quotes (the official CSV does not escape them). */
async function summaryRecords(tree: Tree, round: string): Promise<Record<string, string>[]> {
  return parse((await summaryCsv(tree, round)).text, { columns: true }) as Record<string, string>[];
}

/** A copy of a tree whose system description has some fields changed. */
function withSystemFields(tree: Tree, systemJsonPath: string, fields: Record<string, unknown>): Record<string, Tree[string]> {
  const json = JSON.parse(String(tree[systemJsonPath])) as Record<string, unknown>;
  return withChanges(tree, { [systemJsonPath]: JSON.stringify({ ...json, ...fields }) });
}

const LENOVO = 'open/Lenovo/results/se100_ultra7_255h/resnet50';
const LENOVO_SYSTEM = 'open/Lenovo/systems/se100_ultra7_255h.json';
const LENOVO_MEASUREMENTS = 'open/Lenovo/measurements/se100_ultra7_255h/resnet50/SingleStream/se100_ultra7_255h.json';

describe('csv reporter, monolith rounds (up to v5.1)', () => {
  it('writes the header, then one row per accepted result, quoting only the descriptive columns', async () => {
    const { text } = await summaryCsv(realResult('v5.1', `${LENOVO}/SingleStream`).tree, 'v5.1');
    expect(text).toBe(
      'Organization,Availability,Division,SystemType,SystemName,Platform,Model,MlperfModel,Scenario,Result,Accuracy,number_of_nodes,' +
        'host_processor_model_name,host_processors_per_node,host_processor_core_count,accelerator_model_name,accelerators_per_node,' +
        'Location,framework,operating_system,notes,compliance,errors,version,inferred,has_power,Units,weight_data_types\n' +
        'Lenovo,available,open,"edge","Lenovo ThinkEdge SE100 (built-in Intel(R) Arc(TM) graphics)",se100_ultra7_255h,resnet50,resnet,' +
        'SingleStream,1.341022,acc: 75.468,1,"Intel(R) Core(TM) Ultra 7 Processor 255H",1,16,"Intel(R) Arc(TM) 140T GPU","0",' +
        `${LENOVO}/SingleStream,"OpenVINO","Ubuntu 24.04.2 LTS","SE100. N/A",1,0,v5.1,0,False,Latency (ms),"INT8"\n`,
    );
  });

  it.each([
    ['hardware and software notes', { hw_notes: 'Fan at 80%', sw_notes: 'Kernel 6.14' }, 'Fan at 80%. Kernel 6.14'],
    ['hardware notes only', { hw_notes: 'Fan at 80%', sw_notes: '' }, 'Fan at 80%'],
    ['software notes only', { hw_notes: '', sw_notes: 'Kernel 6.14' }, 'Kernel 6.14'],
  ])('joins the notes column from %s', async (_, notes, expected) => {
    const records = await summaryRecords(withSystemFields(realResult('v5.1', `${LENOVO}/SingleStream`).tree, LENOVO_SYSTEM, notes), 'v5.1');
    expect(records.map((record) => record['notes'])).toEqual([expected]);
  });

  it('lower-cases the status, writes numbers as Python prints them and never escapes a double quote', async () => {
    const tree = withSystemFields(realResult('v5.1', `${LENOVO}/SingleStream`).tree, LENOVO_SYSTEM, {
      status: 'Available',
      system_name: 'SE100 "Pro"',
      number_of_nodes: 2,
      accelerators_per_node: 1,
    });
    const [row] = (await summaryCsv(tree, 'v5.1')).rows;
    expect(row).toMatch(/^Lenovo,available,open,"edge","SE100 "Pro"",se100_ultra7_255h,resnet50,resnet,SingleStream,1\.341022,acc: 75\.468,2,/);
    expect(row).toContain(',"Intel(R) Arc(TM) 140T GPU","1",');
  });

  it('prints weight_data_types with its double quotes turned into single quotes', async () => {
    const tree = withChanges(realResult('v5.1', `${LENOVO}/SingleStream`).tree, {
      [LENOVO_MEASUREMENTS]: JSON.stringify({
        input_data_types: 'int8',
        retraining: 'no',
        starting_weights_filename: 'resnet50_v1.onnx',
        weight_data_types: { conv: 'int8', fc: 'fp16 "fallback"' },
        weight_transformations: 'quantization',
      }),
    });
    const [row] = (await summaryCsv(tree, 'v5.1')).rows;
    expect(row?.endsWith(`,"{'conv': 'int8', 'fc': 'fp16 'fallback''}"`)).toBe(true);
  });

  it('prints the value of the first accuracy target alone in v4.1, and every target from v5.0', async () => {
    const v41 = await summaryRecords(realResult('v4.1', 'open/NVIDIA/results/H200-SXM-141GBx1_TRT_Sparse/llama2-70b-99/Offline').tree, 'v4.1');
    expect(v41.map((record) => record['Accuracy'])).toEqual(['44.46']);
    const v51 = await summaryRecords(realResult('v5.1', 'open/NVIDIA/results/Jetson-Thor_TRT/llama3.1-8b-edge/SingleStream').tree, 'v5.1');
    expect(v51.map((record) => record['Accuracy'])).toEqual(['ROUGE1: 38.8638  ROUGE2: 16.2134  ROUGEL: 24.5295  ROUGELSUM: 35.8712  GEN_LEN: 3077653']);
  });

  it('maps a lower-case scenario folder to the scenario name and keeps the folder in Location', async () => {
    const ctuning = 'open/CTuning/results/cm-demo-gfursin-aws-g4dn.4xlarge-nvidia_original-gpu-tensorrt-vdefault-default_config/bert-99/offline';
    const records = await summaryRecords(realResult('v4.1', ctuning).tree, 'v4.1');
    expect(records.map((record) => [record['Scenario'], record['Location']])).toEqual([['Offline', ctuning]]);
  });

  it('flags results inferred from a run of another scenario', async () => {
    const tree = { ...realResult('v5.1', `${LENOVO}/MultiStream`).tree, ...realResult('v5.1', `${LENOVO}/SingleStream`).tree };
    const records = await summaryRecords(tree, 'v5.1');
    expect(records.map((record) => [record['Scenario'], record['inferred']])).toEqual([
      ['MultiStream', '1'],
      ['SingleStream', '0'],
    ]);
  });

  it('counts in errors the failures of the scenarios of the same benchmark folder that come before', async () => {
    const broken = realResult('v5.1', `${LENOVO}/MultiStream`);
    const tree = {
      ...withChanges(broken.tree, { [`${broken.path}/accuracy/notes.txt`]: 'not an accuracy file\n' }),
      ...realResult('v5.1', `${LENOVO}/Offline`).tree,
      ...realResult('v5.1', `${LENOVO}/SingleStream`).tree,
    };
    const records = await summaryRecords(tree, 'v5.1');
    expect(records.map((record) => [record['Scenario'], record['errors']])).toEqual([
      ['Offline', '1'],
      ['SingleStream', '1'],
    ]);
  });

  describe('a power result', () => {
    const UNTETHER = 'closed/UntetherAI/results/h13_u3_slim/resnet50';
    const UNTETHER_SYSTEM = 'closed/UntetherAI/systems/h13_u3_slim.json';
    const powerTree = (): Tree => {
      const measurements = 'closed/UntetherAI/measurements/h13_u3_slim';
      return {
        ...realResult('v4.1', `${UNTETHER}/singlestream`).tree,
        ...realResult('v4.1', `${UNTETHER}/multistream`).tree,
        ...realResult('v4.1', `${UNTETHER}/offline`).tree,
        [`${measurements}/analyzer_table.md`]: 'Yokogawa WT310E\n',
        [`${measurements}/power_settings.md`]: 'Default BIOS settings\n',
      };
    };

    it('gets a second row with the power metric and its unit', async () => {
      const records = await summaryRecords(powerTree(), 'v4.1');
      expect(records.filter((record) => record['Scenario'] === 'SingleStream').map((record) => [record['Result'], record['Units'], record['has_power']])).toEqual([
        ['0.120438', 'Latency (ms)', 'True'],
        ['29.238986918361313', 'millijoules', 'True'],
      ]);
      expect(records.filter((record) => record['Scenario'] === 'Offline').map((record) => [record['Result'], record['Units']])).toEqual([
        ['168720.0', 'Samples/s'],
        ['398.32998477930016', 'Watts'],
      ]);
    });

    it('gets the power row alone when the system publishes power results only', async () => {
      const records = await summaryRecords(withSystemFields(powerTree(), UNTETHER_SYSTEM, { system_power_only: 'True' }), 'v4.1');
      expect(records.map((record) => [record['Scenario'], record['Units']])).toEqual([
        ['MultiStream', 'millijoules'],
        ['Offline', 'Watts'],
        ['SingleStream', 'millijoules'],
      ]);
    });
  });

  it('writes no row for a rejected result', async () => {
    const result = realResult('v5.1', `${LENOVO}/SingleStream`);
    const { rows } = await summaryCsv(withChanges(result.tree, { [`${result.path}/accuracy/accuracy.txt`]: undefined }), 'v5.1');
    expect(rows).toEqual([]);
  });
});

describe('csv reporter, modular rounds (v6.0+)', () => {
  const AMD = 'open/AMD/results/8xMI355X_2xEPYC_9575F/llama3.1-405b';

  it('quotes every value and points Location at the performance run', async () => {
    const { rows } = await summaryCsv(realResult('v6.0', `${AMD}/Offline`).tree, 'v6.0');
    expect(rows).toEqual([
      '"AMD","available","open","datacenter","smci355-ccs-aus-m09-17 (AS -4126GS-NMR-LCC)","8xMI355X_2xEPYC_9575F","llama3.1-405b",' +
        '"llama3.1-405b","Offline","2011.17","ROUGEL: 21.545066368325006  exact_match: 82.66624751819988  TOKENS_PER_SAMPLE: 758.9",' +
        '"1","AMD EPYC 9575F","8","64","AMD Instinct MI355X 288GB HBM3e","8","8",' +
        `"${AMD}/Offline/performance/run_1","PyTorch 2.9.1+git8907517, ROCm 7.0.0, PyTorch 2.9.0a0+git1c57644, ROCm 7.1.0",` +
        '"Ubuntu 22.04.5 LTS","","open","0","v6.0","0","False","Tokens/s","fp4","",""',
    ]);
  });

  it('keeps the status as written, multiplies total_accelerators and writes the division as compliance', async () => {
    const tree = withSystemFields(realResult('v6.0', `${AMD}/Offline`).tree, 'open/AMD/systems/8xMI355X_2xEPYC_9575F.json', {
      status: 'Available',
      number_of_nodes: '2',
      accelerators_per_node: 4,
    });
    const records = await summaryRecords(tree, 'v6.0');
    expect(records.map((record) => [record['Availability'], record['number_of_nodes'], record['total_accelerators'], record['compliance']])).toEqual([
      ['Available', '2', '8', 'open'],
    ]);
  });

  // Official bug kept (spec §0.5 #6): the exception for Interactive runs (logged as Server) is written in lower case.
  it('flags every Interactive result as inferred, as the official exporter does', async () => {
    const records = await summaryRecords(realResult('v6.0', `${AMD}/Interactive`).tree, 'v6.0');
    expect(records.map((record) => [record['Scenario'], record['inferred']])).toEqual([['Interactive', '1']]);
  });
});
