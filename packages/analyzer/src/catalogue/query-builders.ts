/**
 * How a query call names the table it reads:
 * - `argument`: a string argument names the database table (`selectFrom('logged_requests as r')`);
 * - `object`: an argument refers to a table object a table factory declared (`from(messages)`);
 * - `member`: the member before the method names it (`prisma.message.findMany`,
 *   `db.query.messages.findMany`), as a table object's name (`object`) or a model's client
 *   property (`model`: the model name with a lower-case first letter).
 */
export type QueryTable =
  | { readonly by: 'argument'; readonly argument: number }
  | { readonly by: 'object'; readonly argument: number }
  | { readonly by: 'member'; readonly names: 'object' | 'model' };

/**
 * Which columns the rows hold, when the call says:
 * - `flags`: an option of an options argument lists columns with `true`/`false`
 *   (`{ select: { content: true } }`, `{ columns: { id: true } }`); `omit` lists the dropped ones;
 * - `projection`: the call this one is chained on maps row fields to table columns
 *   (`db.select({ body: messages.content }).from(messages)`).
 */
export type QuerySelection =
  | {
      readonly from: 'flags';
      readonly argument: number;
      readonly options: readonly string[];
      readonly omit?: string;
      /** Options that add related rows by relation field (`include: { messages: true }`). */
      readonly relations?: readonly string[];
    }
  | { readonly from: 'projection'; readonly method: string; readonly argument: number };

/**
 * One query builder's call that reads rows of a table: the rows are personal by the columns the
 * policy maps (`LoggedRequestTable.prompt`, a Drizzle table's `messages.content`, a Prisma model's
 * `Message.content`, or a whole table).
 */
export interface QueryBuilderEntry {
  /** The npm package that declares the call. */
  readonly package: string;
  /** The method name (`selectFrom`). */
  readonly method: string;
  readonly table: QueryTable;
  readonly selection?: QuerySelection;
  /**
   * When the package's declarations are missing (a Prisma client `prisma generate` has not
   * written yet), a call on an object made by `new <construct>(…)`, `construct` imported from
   * `module`, is still this call.
   */
  readonly untyped?: { readonly module: string; readonly construct: string };
}

/**
 * A library function that declares a table object from its name and an object of its columns
 * (`pgTable('messages', { content: text('content') })`); the policy names a column as
 * `<exported table>.<column key>`.
 */
export interface TableFactoryEntry {
  readonly package: string;
  readonly function: string;
  /** Index of the argument that names the database table. */
  readonly name: number;
  /** Index of the argument with the columns: an object literal, or a callback that returns one. */
  readonly columns: number;
}

const prismaFinders = [
  'findMany',
  'findFirst',
  'findFirstOrThrow',
  'findUnique',
  'findUniqueOrThrow',
];
// A generated Prisma client lives in `.prisma/client`; `@prisma/client` re-exports it.
const prismaPackages = ['.prisma/client', '@prisma/client'];

/** The built-in catalogue of query builders whose rows are sources. */
export const queryBuilders: readonly QueryBuilderEntry[] = [
  { package: 'kysely', method: 'selectFrom', table: { by: 'argument', argument: 0 } },
  {
    package: 'drizzle-orm',
    method: 'from',
    table: { by: 'object', argument: 0 },
    selection: { from: 'projection', method: 'select', argument: 0 },
  },
  ...['findMany', 'findFirst'].map(
    (method): QueryBuilderEntry => ({
      package: 'drizzle-orm',
      method,
      table: { by: 'member', names: 'object' },
      selection: { from: 'flags', argument: 0, options: ['columns'] },
    }),
  ),
  ...prismaPackages.flatMap((name) =>
    prismaFinders.map(
      (method): QueryBuilderEntry => ({
        package: name,
        method,
        table: { by: 'member', names: 'model' },
        selection: {
          from: 'flags',
          argument: 0,
          options: ['select'],
          omit: 'omit',
          relations: ['include', 'select'],
        },
        untyped: { module: name, construct: 'PrismaClient' },
      }),
    ),
  ),
];

/** The built-in catalogue of table factories (Drizzle's `pgTable`, `mysqlTable`, `sqliteTable`). */
export const tableFactories: readonly TableFactoryEntry[] = [
  'pgTable',
  'mysqlTable',
  'sqliteTable',
  'singlestoreTable',
].map((name) => ({ package: 'drizzle-orm', function: name, name: 0, columns: 1 }));

/** Where a generated Prisma client is imported from, unless its generator sets an `output`. */
export const prismaClientModule = '@prisma/client';
