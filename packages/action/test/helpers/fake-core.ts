import type { AnnotationProperties } from '../../src/annotations.js';
import type { ActionCore } from '../../src/main.js';

/** One call the action made to `@actions/core`, in order. */
export type CoreCall =
  | {
      readonly kind: 'error' | 'warning' | 'notice';
      readonly message: string;
      readonly properties?: AnnotationProperties;
    }
  | { readonly kind: 'info' | 'debug' | 'failed'; readonly message: string }
  | { readonly kind: 'output'; readonly name: string; readonly value: string };

/** A stand-in for `@actions/core` that reads inputs from a map and records every call. */
export interface FakeCore extends ActionCore {
  readonly calls: CoreCall[];
  /** What `summary.write()` wrote, in order. */
  readonly summaries: string[];
  outputs(): Record<string, string>;
  annotations(): CoreCall[];
  failures(): string[];
}

/** Creates a fake core; `inputs` maps input names (as in action.yml) to their values. */
export function createFakeCore(
  inputs: Readonly<Record<string, string>> = {},
  options: { readonly summaryFails?: boolean } = {},
): FakeCore {
  const calls: CoreCall[] = [];
  const summaries: string[] = [];
  let buffer = '';
  const annotate =
    (kind: 'error' | 'warning' | 'notice') =>
    (message: string, properties?: AnnotationProperties): void => {
      calls.push(properties === undefined ? { kind, message } : { kind, message, properties });
    };
  const core: FakeCore = {
    calls,
    summaries,
    getInput: (name) => (inputs[name] ?? '').trim(),
    setOutput: (name, value) => {
      calls.push({ kind: 'output', name, value });
    },
    setFailed: (message) => {
      calls.push({ kind: 'failed', message });
    },
    error: annotate('error'),
    warning: annotate('warning'),
    notice: annotate('notice'),
    info: (message) => {
      calls.push({ kind: 'info', message });
    },
    debug: (message) => {
      calls.push({ kind: 'debug', message });
    },
    summary: {
      addRaw(text: string, addEOL = false) {
        buffer += addEOL ? `${text}\n` : text;
        return core.summary;
      },
      async write() {
        if (options.summaryFails === true) {
          throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY');
        }
        summaries.push(buffer);
        buffer = '';
        return core.summary;
      },
    },
    outputs: () =>
      Object.fromEntries(
        calls.flatMap((call) => (call.kind === 'output' ? [[call.name, call.value]] : [])),
      ),
    annotations: () =>
      calls.filter(
        (call) => call.kind === 'error' || call.kind === 'warning' || call.kind === 'notice',
      ),
    failures: () => calls.flatMap((call) => (call.kind === 'failed' ? [call.message] : [])),
  };
  return core;
}
