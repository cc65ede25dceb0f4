import { SCENARIOS, type Scenario } from '../../rounds/types.ts';

/** The official checkers accept scenario folders in any case (`offline`, `Offline`). */
export function canonicalScenario(name: string): Scenario | undefined {
  const lower = name.toLowerCase();
  return SCENARIOS.find((scenario) => scenario.toLowerCase() === lower);
}

export function performanceLogPath(scenarioPath: string): string {
  return `${scenarioPath}/performance/run_1/mlperf_log_detail.txt`;
}

export function accuracyLogPath(scenarioPath: string): string {
  return `${scenarioPath}/accuracy/mlperf_log_detail.txt`;
}
