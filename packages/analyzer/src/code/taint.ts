import type { FlowStep } from '../findings.js';
import type { GuardFacts } from './lattice.js';

/** A function the engine analyses on its own and summarises. */
export interface UnitRef {
  readonly id: number;
  readonly name: string;
}

/** Where data that may be personal came from: a parameter of an analysed function. */
export interface ParamOrigin {
  readonly unit: UnitRef;
  readonly index: number;
}

/**
 * What a constructor stored from one of its parameters and a getter or method returns, for an
 * instance the function was handed (`transcript.jsonl` of a parameter `transcript`): the
 * argument `index` its caller gave the constructor `constructorId`, read through `via`.
 */
export interface StoredOrigin {
  readonly constructorId: number;
  readonly index: number;
  readonly via?: readonly string[];
  /** The constructor's part of the flow (`stored in this.#lines`), for the caller's trail. */
  readonly inside: readonly FlowStep[];
}

/**
 * A fact that a value contains (maybe) personal data: about which subject, what guards the data
 * carries with it (a stamp, e.g. from a consent filter), and the path it took so far.
 */
export interface Taint {
  /** Identifies the origin, to merge copies of the same fact. */
  readonly key: string;
  /** The subject the data is about, as an access path of the analysed function. */
  readonly subject: string;
  readonly facts: GuardFacts;
  readonly trail: readonly FlowStep[];
  /** Set when the data comes from a parameter; callers decide whether it is personal. */
  readonly param?: ParamOrigin;
  /**
   * The categories of personal data the value holds: those of the fields that reach this point
   * (a projection narrows them). Undefined for a parameter's data no projection has narrowed:
   * whatever the caller passes.
   */
  readonly categories?: readonly string[];
  /**
   * The fields of the record that hold this data (a query's mapped columns: `prompt`,
   * `completion`); `*` when the value is the data itself. Reading another field drops it.
   */
  readonly fields?: readonly string[];
  /**
   * For a parameter's data: the fields it was read through (`exchange.prompt`). Callers keep
   * of their argument only the data those fields hold.
   */
  readonly via?: readonly string[];
  /**
   * For a parameter's data: not the parameter itself but what the constructor of the instance
   * it holds stored from its arguments; callers resolve it against the instance they pass.
   */
  readonly stored?: StoredOrigin;
}
