import { describe, expect, it } from 'vitest';
import type { MemoryNode } from '../../src/tree/memory-fs.ts';
import { errorEvent, withEditedFile, withLogValue } from '../rules/perf/mllog-edits.ts';
import { auditTree } from '../support/audit-tree.ts';
import { realResult } from '../support/shared-data.ts';
import { moved, withJsonFields } from '../support/tree-edits.ts';

// Official verdicts of the performance-log checks (perf/*, comp/perf-log) on real results with one thing broken.
// Each case names the official code path that gives its verdict: M41 = the v4.1 monolith, OLD = the v5.x monolith
// (check_performance_dir, check_compliance_dir), NEW = the modular checker's PerformanceCheck/ComplianceCheck.

type Tree = Record<string, MemoryNode>;

const RUN_LOG = 'performance/run_1/mlperf_log_detail.txt';

/** One or more real results of a round in one tree (results of one benchmark need each other's required scenarios). */
function realResults(round: string, ...paths: string[]): Tree {
  return Object.assign({}, ...paths.map((path) => realResult(round, path).tree)) as Tree;
}

/** The tree with one event of a log changed (`value` as JSON text) or removed. */
function withEvent(tree: Tree, logPath: string, key: string, value: string | undefined): Tree {
  return withEditedFile(tree, logPath, (text) => withLogValue(text, key, value));
}

async function officialVerdicts(tree: Tree, round: string): Promise<string[]> {
  return (await auditTree(tree, { round, profile: 'official' })).lines;
}

// v5.1 (monolith): a closed Offline result of an equal-issue model with TEST01.
const WHISPER_51 = 'closed/Broadcom_Supermicro/results/vSYS-422GA-NBRT-B200-SXM-180GBx8_TRT/whisper/Offline';
const whisper51 = realResults('v5.1', WHISPER_51);
const whisper51Log = `${WHISPER_51}/${RUN_LOG}`;
const whisper51Test01Log = `closed/Broadcom_Supermicro/compliance/vSYS-422GA-NBRT-B200-SXM-180GBx8_TRT/whisper/Offline/TEST01/${RUN_LOG}`;
const WHISPER_51_ACCEPTED = `Results ${WHISPER_51} 41927.4`;
const WHISPER_51_REJECTED = `NoResults ${WHISPER_51}`;
// A required scenario whose performance run fails is not discarded from the monolith's required set, so its closed
// benchmark is recorded as missing a required scenario too (check_results_dir: required_scenarios.discard).
const WHISPER_51_PERF_REJECTED = [`NoResults ${WHISPER_51.slice(0, WHISPER_51.lastIndexOf('/'))}`, WHISPER_51_REJECTED];

// v6.0 (modular): the same kind of result, TEST01 inside the result folder.
const WHISPER_60 = 'closed/RedHat/results/8xH200_whisper/whisper/Offline';
const whisper60 = realResults('v6.0', WHISPER_60);
const whisper60Log = `${WHISPER_60}/${RUN_LOG}`;
const whisper60Test01Log = `${WHISPER_60}/TEST01/${RUN_LOG}`;
const WHISPER_60_ACCEPTED = `Results ${WHISPER_60} 36395.7`;
const WHISPER_60_REJECTED = `NoResults ${WHISPER_60}`;

/** Checks that are the same in both checkers: broken in both rounds' logs, rejected in both. */
const rejectedByBoth: readonly { name: string; key: string; value: string | undefined; path: string }[] = [
  // OLD and NEW seeds check.
  { name: 'a wrong seed', key: 'effective_sample_index_rng_seed', value: '1', path: 'perf/seeds' },
  // OLD check_performance_dir / NEW performance_sample_count_check.
  { name: 'too few performance samples', key: 'effective_performance_sample_count', value: '1632', path: 'perf/sample-count' },
  // OLD and NEW: "Test duration less than 600s in user config".
  { name: 'a shortened run', key: 'effective_min_duration_ms', value: '599999', path: 'perf/min-duration' },
  // OLD (every division) and NEW (closed): OFFLINE_MIN_SPQ_SINCE_V4.
  { name: 'too few samples per Offline query', key: 'effective_samples_per_query', value: '1632', path: 'perf/offline-min-spq' },
  // OLD and NEW min-queries["Offline"] = 1.
  { name: 'an Offline run configured for no query', key: 'effective_min_query_count', value: '0', path: 'perf/min-query-count' },
  // OLD float(None) in the metric; NEW get_performance_metric_check raises.
  { name: 'no metric (whisper Offline reports tokens per second)', key: 'result_tokens_per_second', value: undefined, path: 'perf/metric' },
];

describe('performance-log verdicts (official profile)', () => {
  it('the base results are accepted', async () => {
    expect(await officialVerdicts(whisper51, 'v5.1')).toEqual([WHISPER_51_ACCEPTED]);
    expect(await officialVerdicts(whisper60, 'v6.0')).toEqual([WHISPER_60_ACCEPTED]);
  });

  for (const { name, key, value, path } of rejectedByBoth) {
    it(`${name} (${path}): rejected by the monolith and the modular checker`, async () => {
      expect(await officialVerdicts(withEvent(whisper51, whisper51Log, key, value), 'v5.1')).toEqual(WHISPER_51_PERF_REJECTED);
      expect(await officialVerdicts(withEvent(whisper60, whisper60Log, key, value), 'v6.0')).toEqual([WHISPER_60_REJECTED]);
    });
  }

  it('a malformed line (perf/log-parse): OLD catches the parser exception; NEW stops the whole run, the result alone is rejected here', async () => {
    const truncate = (text: string): string => text.replace(/("key": "effective_scenario", "value": "Offline").*/, '$1');
    expect(await officialVerdicts(withEditedFile(whisper51, whisper51Log, truncate), 'v5.1')).toEqual(WHISPER_51_PERF_REJECTED);
    expect(await officialVerdicts(withEditedFile(whisper60, whisper60Log, truncate), 'v6.0')).toEqual([WHISPER_60_REJECTED]);
  });

  it('an INVALID run (perf/result-valid): OLD rejects; NEW never checks result_validity', async () => {
    expect(await officialVerdicts(withEvent(whisper51, whisper51Log, 'result_validity', '"INVALID"'), 'v5.1')).toEqual(WHISPER_51_PERF_REJECTED);
    expect(await officialVerdicts(withEvent(whisper60, whisper60Log, 'result_validity', '"INVALID"'), 'v6.0')).toEqual([WHISPER_60_ACCEPTED]);
  });

  it('a LoadGen error (perf/loadgen-errors): OLD find_error_in_detail_log rejects; NEW checks only with --submission-exceptions', async () => {
    const withError = (text: string): string => withLogValue(`${text.trimEnd()}\n${errorEvent('error_runtime', 'Invalid sample index')}\n`, 'num_errors', '1');
    expect(await officialVerdicts(withEditedFile(whisper51, whisper51Log, withError), 'v5.1')).toEqual(WHISPER_51_PERF_REJECTED);
    expect(await officialVerdicts(withEditedFile(whisper60, whisper60Log, withError), 'v6.0')).toEqual([WHISPER_60_ACCEPTED]);
  });

  it('equal-issue mode off (perf/equal-issue): OLD requires_equal_issue rejects; NEW is effectively off', async () => {
    const key = 'effective_sample_concatenate_permutation';
    expect(await officialVerdicts(withEvent(whisper51, whisper51Log, key, 'false'), 'v5.1')).toEqual(WHISPER_51_PERF_REJECTED);
    expect(await officialVerdicts(withEvent(whisper60, whisper60Log, key, 'false'), 'v6.0')).toEqual([WHISPER_60_ACCEPTED]);
  });

  describe('v4.1 equal-issue quirks (M41 check_results_dir + check_measurement_dir)', () => {
    const UNET = 'closed/Intel/results/1-node-2S-EMR-PyTorch/3d-unet-99/Offline';
    const GPTJ = 'closed/Intel/results/1-node-2S-EMR-PyTorch/gptj-99/Offline';
    const measurements = (benchmark: string): string => `closed/Intel/measurements/1-node-2S-EMR-PyTorch/${benchmark}/Offline/mlperf.conf`;
    const withoutConfLine = (tree: Tree, benchmark: string, model: string): Tree =>
      withEditedFile(tree, measurements(benchmark), (text) => text.replace(`${model}.*.sample_concatenate_permutation = 1`, '# removed'));

    it('3d-unet-99 without the conf line is rejected: the log value never counts in v4.1', async () => {
      const unet = realResults('v4.1', UNET);
      expect(await officialVerdicts(unet, 'v4.1')).toEqual([`Results ${UNET} 1.93632`]);
      expect(await officialVerdicts(withoutConfLine(unet, '3d-unet-99', '3d-unet'), 'v4.1')).toEqual([`NoResults ${UNET.slice(0, UNET.lastIndexOf('/'))}`, `NoResults ${UNET}`]);
    });

    it('gptj-99 without the conf line is accepted: two missing commas drop it from the list', async () => {
      const gptj = realResults('v4.1', GPTJ, GPTJ.replace('/Offline', '/Server'));
      const accepted = await officialVerdicts(gptj, 'v4.1');
      expect(accepted.map((line) => line.split(' ')[0])).toEqual(['Results', 'Results']);
      expect(await officialVerdicts(withoutConfLine(gptj, 'gptj-99', 'gptj'), 'v4.1')).toEqual(accepted);
    });
  });

  it('an INVALID llama2-70b run in v4.1 (perf/result-valid): M41 overwrites the validity with its TTFT/TPOT check', async () => {
    const base = 'closed/AMD/results/1xMI300X_2xEPYC-9374F/llama2-70b-99.9';
    const tree = realResults('v4.1', `${base}/Offline`, `${base}/Server`);
    const accepted = await officialVerdicts(tree, 'v4.1');
    expect(accepted).toHaveLength(2);
    expect(await officialVerdicts(withEvent(tree, `${base}/Server/${RUN_LOG}`, 'result_validity', '"INVALID"'), 'v4.1')).toEqual(accepted);
  });

  describe('Server and Interactive runs of LLMs', () => {
    // v6.0 MiTAC llama2-70b-99.9: Offline, Server and Interactive (datacenter).
    const MITAC = 'closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9';
    const mitac = realResults('v6.0', `${MITAC}/Offline`, `${MITAC}/Server`, `${MITAC}/Interactive`);
    // v5.1 RedHat llama3.1-8b: Offline and Server.
    const REDHAT = 'closed/RedHat/results/XE8640_4xH100_vLLM/llama3.1-8b';
    const redhat = realResults('v5.1', `${REDHAT}/Offline`, `${REDHAT}/Server`);

    it('the base results are accepted', async () => {
      expect((await officialVerdicts(mitac, 'v6.0')).every((line) => line.startsWith('Results '))).toBe(true);
      expect((await officialVerdicts(redhat, 'v5.1')).every((line) => line.startsWith('Results '))).toBe(true);
    });

    it('early stopping not met (perf/early-stopping): NEW latency_check rejects; OLD only logs an ERROR line', async () => {
      const v60 = await officialVerdicts(withEvent(mitac, `${MITAC}/Server/${RUN_LOG}`, 'early_stopping_met', 'false'), 'v6.0');
      expect(v60).toContain(`NoResults ${MITAC}/Server`);
      expect(v60.filter((line) => line.startsWith('NoResults'))).toHaveLength(1);
      const v51 = await officialVerdicts(withEvent(redhat, `${REDHAT}/Server/${RUN_LOG}`, 'early_stopping_met', 'false'), 'v5.1');
      expect(v51).toEqual(await officialVerdicts(redhat, 'v5.1'));
    });

    it('a target latency above the Server constraint (perf/server-target-latency): both reject', async () => {
      const v60 = await officialVerdicts(withEvent(mitac, `${MITAC}/Server/${RUN_LOG}`, 'effective_target_latency_ns', '20000000001'), 'v6.0');
      expect(v60.filter((line) => line.startsWith('NoResults'))).toEqual([`NoResults ${MITAC}/Server`]);
      const v51 = await officialVerdicts(withEvent(redhat, `${REDHAT}/Server/${RUN_LOG}`, 'effective_target_latency_ns', '20000000001'), 'v5.1');
      expect(v51.filter((line) => line.startsWith('NoResults'))).toEqual([`NoResults ${REDHAT}/Server`]);
    });

    it('token latencies off (perf/llm-token-flag): both reject', async () => {
      const v60 = await officialVerdicts(withEvent(mitac, `${MITAC}/Offline/${RUN_LOG}`, 'requested_use_token_latencies', 'false'), 'v6.0');
      expect(v60.filter((line) => line.startsWith('NoResults'))).toEqual([`NoResults ${MITAC}/Offline`]);
      const v51 = await officialVerdicts(withEvent(redhat, `${REDHAT}/Offline/${RUN_LOG}`, 'requested_use_token_latencies', 'false'), 'v5.1');
      expect(v51.filter((line) => line.startsWith('NoResults'))).toEqual([`NoResults ${REDHAT}`, `NoResults ${REDHAT}/Offline`]);
    });

    it('an Interactive TTFT between the Interactive and the Server limit (perf/llm-ttft-tpot): NEW applies the Server limits', async () => {
      const slow = withEvent(mitac, `${MITAC}/Interactive/${RUN_LOG}`, 'result_first_token_99.00_percentile_latency_ns', '1000000000');
      expect(await officialVerdicts(slow, 'v6.0')).toEqual(await officialVerdicts(mitac, 'v6.0'));
    });

    it('the same in a v5.1 Interactive folder: OLD extra_check_llm keys the limits by the folder and rejects', async () => {
      const NVIDIA = 'open/NVIDIA/results/GB200-NVL72_GB200-186GB_aarch64x72_Dynamo/llama3.1-405b/Interactive';
      const nvidia = realResults('v5.1', NVIDIA);
      expect(await officialVerdicts(nvidia, 'v5.1')).toHaveLength(1);
      // 5 s: above the Interactive limit (4500 ms), below the Server limit (6000 ms).
      const slow = withEvent(nvidia, `${NVIDIA}/${RUN_LOG}`, 'result_first_token_99.00_percentile_latency_ns', '5000000000');
      expect(await officialVerdicts(slow, 'v5.1')).toEqual([`NoResults ${NVIDIA}`]);
    });

    it('a datacenter result from a run of another scenario (perf/scenario-inference): NEW inferred_check rejects', async () => {
      const fromServer = withEvent(mitac, `${MITAC}/Offline/${RUN_LOG}`, 'effective_scenario', '"Server"');
      expect((await officialVerdicts(fromServer, 'v6.0')).filter((line) => line.startsWith('NoResults'))).toEqual([`NoResults ${MITAC}/Offline`]);
    });

    it('an Interactive folder holding an Offline run: OLD get_inferred_result rejects it', async () => {
      const NVIDIA = 'open/NVIDIA/results/GB200-NVL72_GB200-186GB_aarch64x72_Dynamo/llama3.1-405b/Interactive';
      const fromOffline = withEvent(realResults('v5.1', NVIDIA), `${NVIDIA}/${RUN_LOG}`, 'effective_scenario', '"Offline"');
      expect(await officialVerdicts(fromOffline, 'v5.1')).toEqual([`NoResults ${NVIDIA}`]);
    });

    it('a p99 latency above the constraint (perf/latency-p99) only arises with a run of another scenario, which NEW rejects anyway', async () => {
      const offlineRun = withEvent(mitac, `${MITAC}/Server/${RUN_LOG}`, 'effective_scenario', '"Offline"');
      const slow = withEvent(offlineRun, `${MITAC}/Server/${RUN_LOG}`, 'result_99.00_percentile_latency_ns', '20000000001');
      const { result } = await auditTree(slow, { round: 'v6.0', profile: 'official' });
      expect(result.results.find((verdict) => verdict.path === `${MITAC}/Server`)?.rejectedBy).toEqual(['perf/latency-p99', 'perf/metric', 'perf/offline-min-spq', 'perf/scenario-inference']);
    });
  });

  it('a MultiStream result inferred from a SingleStream run without estimate (perf/inferred-es-estimate): OLD and NEW reject', async () => {
    const LENOVO = 'open/Lenovo/results/se100_ultra7_255h/resnet50/MultiStream';
    const lenovo = realResults('v5.1', LENOVO);
    expect(await officialVerdicts(lenovo, 'v5.1')).toEqual([`Results ${LENOVO} 11.060112`]);
    expect(await officialVerdicts(withEvent(lenovo, `${LENOVO}/${RUN_LOG}`, 'early_stopping_latency_ms', '0'), 'v5.1')).toEqual([`NoResults ${LENOVO}`]);
  });

  it('a network system whose SUT is not the network SUT (perf/network-sut-name): NEW network_check rejects', async () => {
    const networkFields = {
      division: 'network',
      is_network: 'true',
      network_type: 'Ethernet',
      network_media: 'Copper',
      network_rate: '100 Gbit/s',
      nic_loadgen: 'ConnectX-6',
      number_nic_loadgen: '1',
      net_software_stack_loadgen: 'Linux TCP/IP',
      network_protocol: 'TCP',
      number_connections: '1',
      nic_sut: 'ConnectX-6',
      number_nic_sut: '1',
      net_software_stack_sut: 'Linux TCP/IP',
      network_topology: 'Point to point',
    };
    const network = withJsonFields(moved(whisper60, 'closed/RedHat', 'network/RedHat'), 'network/RedHat/systems/8xH200_whisper.json', networkFields);
    const path = WHISPER_60.replace('closed/', 'network/');
    // The result's run and its TEST01 run (comp/perf-log) both name the SUT.
    const networkSut = withEvent(withEvent(network, `${path}/${RUN_LOG}`, 'sut_name', '"PySUT Network SUT"'), `${path}/TEST01/${RUN_LOG}`, 'sut_name', '"PySUT Network SUT"');
    expect(await officialVerdicts(networkSut, 'v6.0')).toEqual([`Results ${path} 36395.7`]);
    expect(await officialVerdicts(withEvent(networkSut, `${path}/${RUN_LOG}`, 'sut_name', '"PySUT"'), 'v6.0')).toEqual([`NoResults ${path}`]);
  });

  describe('compliance runs (comp/perf-log)', () => {
    it('a wrong seed in the TEST01 run: OLD check_compliance_dir and NEW ComplianceCheck.performance_check reject', async () => {
      expect(await officialVerdicts(withEvent(whisper51, whisper51Test01Log, 'effective_qsl_rng_seed', '1'), 'v5.1')).toEqual([WHISPER_51_REJECTED]);
      expect(await officialVerdicts(withEvent(whisper60, whisper60Test01Log, 'effective_qsl_rng_seed', '1'), 'v6.0')).toEqual([WHISPER_60_REJECTED]);
    });

    it('an INVALID TEST01 run: OLD runs the whole check_performance_dir (VALID included); NEW does not check validity', async () => {
      expect(await officialVerdicts(withEvent(whisper51, whisper51Test01Log, 'result_validity', '"INVALID"'), 'v5.1')).toEqual([WHISPER_51_REJECTED]);
      expect(await officialVerdicts(withEvent(whisper60, whisper60Test01Log, 'result_validity', '"INVALID"'), 'v6.0')).toEqual([WHISPER_60_ACCEPTED]);
    });

    it('a TEST05 run with the regular seeds (v4.1): M41 checks TEST05 logs against the TEST05 seeds', async () => {
      const UNET = 'closed/Intel/results/1-node-2S-EMR-PyTorch/3d-unet-99/Offline';
      const unet = realResults('v4.1', UNET);
      const test05 = `closed/Intel/compliance/1-node-2S-EMR-PyTorch/3d-unet-99/Offline/TEST05/${RUN_LOG}`;
      expect(await officialVerdicts(withEvent(unet, test05, 'effective_schedule_rng_seed', '14962580496156340209'), 'v4.1')).toEqual([`NoResults ${UNET}`]);
    });

    it('equal-issue mode off in the TEST01 run: OLD checks it inside check_performance_dir, compliance runs included', async () => {
      const key = 'effective_sample_concatenate_permutation';
      expect(await officialVerdicts(withEvent(whisper51, whisper51Test01Log, key, 'false'), 'v5.1')).toEqual([WHISPER_51_REJECTED]);
      expect(await officialVerdicts(withEvent(whisper60, whisper60Test01Log, key, 'false'), 'v6.0')).toEqual([WHISPER_60_ACCEPTED]);
    });
  });
});
