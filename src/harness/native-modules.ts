/**
 * onnxruntime-node and sharp are native addons. They are loaded on first use rather than imported at the top of a
 * module, so that an audit without a harness never loads them: only `check --harness`, `mlperf-audit harness` and the
 * division rules that read a submitted model reach these functions. The GitHub Action bundle (dist/action/) relies on
 * this: it leaves both packages out and runs where no node_modules exists.
 */
export type OnnxRuntime = typeof import('onnxruntime-node');
export type Sharp = typeof import('sharp').default;

export function loadOnnxRuntime(): Promise<OnnxRuntime> {
  return import('onnxruntime-node');
}

export async function loadSharp(): Promise<Sharp> {
  return (await import('sharp')).default;
}
