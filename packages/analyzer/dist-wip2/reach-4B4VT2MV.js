import {
  eventCallIn,
  filesThatMayReach,
  globalNamedIn,
  globalNames,
  moduleMatcher,
  packageNameOf,
  startsFlow,
} from './chunk-2TQ4CBJ4.js';
import './chunk-DZXWLWQC.js';
import './chunk-ENMR6OK3.js';

export {
  eventCallIn,
  filesThatMayReach,
  globalNamedIn,
  globalNames,
  moduleMatcher,
  packageNameOf,
  startsFlow,
};
//# sourceMappingURL=reach-4B4VT2MV.js.map
