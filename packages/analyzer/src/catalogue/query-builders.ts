/**
 * One query builder's call that reads rows of a table named by a string argument: the rows are
 * personal by the columns the policy maps (`LoggedRequestTable.prompt`, or the whole table as
 * the database interface's member `DB.logged_requests`).
 */
export interface QueryBuilderEntry {
  /** The npm package that declares the call. */
  readonly package: string;
  /** The method name (`selectFrom`). */
  readonly method: string;
  /** Index of the argument that names the table (`'logged_requests'`, `'logged_requests as r'`). */
  readonly table: number;
}

/** The built-in catalogue of query builders whose rows are sources. */
export const queryBuilders: readonly QueryBuilderEntry[] = [
  { package: 'kysely', method: 'selectFrom', table: 0 },
];
