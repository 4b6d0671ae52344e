export type {
  InterpreterHost,
  SinkSeen,
  UnitResult,
} from './core.js';
export { eventChannelKey, relativePath } from './syntax.js';
export { UnitInterpreter } from './unit-interpreter.js';
