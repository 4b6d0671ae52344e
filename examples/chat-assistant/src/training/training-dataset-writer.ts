import { processes } from '../consent.js';

/** Collects the rows of one training dataset and renders them as JSON Lines. */
export class TrainingDatasetWriter<Row extends object> {
  readonly #lines: string[] = [];

  /** `name` becomes the file name, e.g. `conversations-2026-11-27` → `conversations-2026-11-27.jsonl`. */
  constructor(readonly name: string) {}

  /** Adds one row to the dataset: from here on the data is used to train models. */
  @processes('model-training')
  append(row: Row): void {
    this.#lines.push(JSON.stringify(row));
  }

  /** How many rows the dataset holds. */
  get size(): number {
    return this.#lines.length;
  }

  /** The dataset as JSON Lines, one row per line. */
  toJsonl(): string {
    return this.#lines.map((line) => `${line}\n`).join('');
  }

  /** The dataset as a file ready to upload. */
  toFile(): File {
    return new File([this.toJsonl()], `${this.name}.jsonl`, { type: 'application/jsonl' });
  }
}
