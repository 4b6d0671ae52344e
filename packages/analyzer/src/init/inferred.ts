import type { PersonalKind } from './personal-fields.js';

/** Why `init` guessed something: the place in the project and the reason, for a person to check. */
export interface Evidence {
  /** Relative to the project root, with forward slashes. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly reason: string;
}

/** A field of a database model whose name suggests personal data. */
export interface InferredField {
  readonly name: string;
  readonly kind: PersonalKind;
  readonly evidence: Evidence;
}

/** A database model (Prisma model or Drizzle table) with personal fields. */
export interface InferredModel {
  readonly orm: 'prisma' | 'drizzle' | 'kysely';
  /** The model's name in code: the Prisma model or the exported Drizzle table constant. */
  readonly name: string;
  /** The database table. */
  readonly table: string;
  /** The module the model's type is imported from, as a policy `code.sources` module. */
  readonly module: string;
  readonly fields: readonly InferredField[];
  readonly evidence: Evidence;
}

/** A route handler that reads a request body. */
export interface InferredRoute {
  readonly framework: 'nextjs' | 'express';
  readonly method: 'POST';
  /** The URL path, e.g. `/api/chat`. */
  readonly path: string;
  /** Whether the route looks like a chat route (by its path or its body fields). */
  readonly chat: boolean;
  /** Body fields the handler reads by name, sorted. */
  readonly fields: readonly string[];
  /** The fields among them whose names suggest personal data. */
  readonly personalFields: readonly InferredField[];
  /**
   * The declaration of the body a policy can name as a `code.sources` entry; absent when there is
   * none (a Next.js handler's `req.json()` is a DOM method, not a module's export).
   */
  readonly bodyExport?: { readonly module: string; readonly export: string };
  readonly evidence: Evidence;
}

/** An AI vendor SDK imported by the project. */
export interface InferredVendor {
  readonly package: string;
  readonly vendor: string;
  /** Every import of it, in file order. */
  readonly imports: readonly Evidence[];
}

/** A module of chat-message types of an AI SDK the project imports, resolved to its declarations. */
export interface InferredChatSdk {
  readonly package: string;
  /** The catalogue row's module (`openai/resources/chat/completions`). */
  readonly module: string;
  /** The first import of it, in file order. */
  readonly evidence: Evidence;
}

/** A call of a vendor API that trains a model or runs one. */
export interface InferredCall {
  readonly package: string;
  /** The API as written on the client, e.g. `files.create`. */
  readonly api: string;
  readonly kind: 'training' | 'inference';
  /** The built-in catalogue entry, for training calls. */
  readonly catalogueId?: string;
  readonly evidence: Evidence;
}
