export {
  AnalysisBudgetError,
  type InterpreterHost,
  type SinkSeen,
  type UnitResult,
} from './core.js';
export { eventChannelKey, relativePath } from './syntax.js';
export { UnitInterpreter } from './unit-interpreter.js';
