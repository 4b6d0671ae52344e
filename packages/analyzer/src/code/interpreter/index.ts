export type {
  InterpreterHost,
  SinkSeen,
  UnitResult,
} from './core.js';
export { isCountField } from './personal-types.js';
export { eventChannelKey } from './syntax.js';
export { UnitInterpreter } from './unit-interpreter.js';
