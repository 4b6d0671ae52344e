import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** A field of a Prisma model, as written in `schema.prisma`. */
export interface PrismaField {
  readonly name: string;
  /** The type without modifiers: `String`, `Int`, `Json`, or a model or enum name. */
  readonly type: string;
  readonly optional: boolean;
  readonly list: boolean;
  readonly line: number;
}

/** A `model` (or `view`) block. */
export interface PrismaModel {
  readonly name: string;
  /** The database table, from `@@map("…")`, else the model name. */
  readonly table: string;
  readonly fields: readonly PrismaField[];
  readonly line: number;
}

/** An `enum` block and its values. */
export interface PrismaEnum {
  readonly name: string;
  readonly values: readonly { readonly name: string; readonly line: number }[];
  readonly line: number;
}

/** A `generator` block's settings that matter here. */
export interface PrismaGenerator {
  readonly name: string;
  readonly provider?: string;
  /** Where the client is generated, relative to the schema file, when it is not the default. */
  readonly output?: string;
  readonly line: number;
}

/** Something in the schema that could not be read; inference skips it and goes on. */
export interface PrismaProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** What `parsePrismaSchema` read from a schema file. */
export interface PrismaSchema {
  readonly models: readonly PrismaModel[];
  readonly enums: readonly PrismaEnum[];
  readonly generators: readonly PrismaGenerator[];
  readonly problems: readonly PrismaProblem[];
}

const BLOCK_START =
  /^(model|view|enum|type|generator|datasource)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{\s*$/;
const FIELD = /^([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z_][A-Za-z0-9_]*)(\[\])?(\?)?(?:\s|$)/;
const ENUM_VALUE = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s|$)/;
const SETTING = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/;
const MAP_ATTRIBUTE = /^@@map\(\s*(?:name:\s*)?"([^"]*)"\s*\)/;

/**
 * Reads the models, enums and generators of a Prisma schema, line by line; a small reader of
 * the block structure, not a full Prisma parser: it never throws and reports what it skipped.
 */
export function parsePrismaSchema(text: string): PrismaSchema {
  const models: PrismaModel[] = [];
  const enums: PrismaEnum[] = [];
  const generators: PrismaGenerator[] = [];
  const problems: PrismaProblem[] = [];
  const lines = text.split(/\r?\n/);

  let block:
    | { kind: string; name: string; line: number; body: { text: string; line: number }[] }
    | undefined;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = stripComment(raw).trim();
    if (content === '') return;
    if (block === undefined) {
      const start = BLOCK_START.exec(content);
      if (start) {
        block = { kind: start[1]!, name: start[2]!, line, body: [] };
      } else {
        problems.push({
          line,
          column: raw.length - raw.trimStart().length + 1,
          message: 'expected a block such as `model Name {`; the line is skipped',
        });
      }
      return;
    }
    if (content === '}') {
      finish(block);
      block = undefined;
      return;
    }
    block.body.push({ text: content, line });
  });
  if (block !== undefined) {
    const open = block as { kind: string; name: string; line: number };
    problems.push({
      line: open.line,
      column: 1,
      message: `${open.kind} ${open.name} is not closed with \`}\`; it is skipped`,
    });
  }
  return { models, enums, generators, problems };

  function finish(done: {
    kind: string;
    name: string;
    line: number;
    body: { text: string; line: number }[];
  }): void {
    if (done.kind === 'model' || done.kind === 'view') {
      const fields: PrismaField[] = [];
      let table = done.name;
      for (const entry of done.body) {
        if (entry.text.startsWith('@@')) {
          const mapped = MAP_ATTRIBUTE.exec(entry.text);
          if (mapped) table = mapped[1]!;
          continue;
        }
        const field = FIELD.exec(entry.text);
        if (!field) {
          problems.push({
            line: entry.line,
            column: 1,
            message: `cannot read this field of ${done.kind} ${done.name}; it is skipped`,
          });
          continue;
        }
        fields.push({
          name: field[1]!,
          type: field[2]!,
          list: field[3] !== undefined,
          optional: field[4] !== undefined,
          line: entry.line,
        });
      }
      models.push({ name: done.name, table, fields, line: done.line });
    } else if (done.kind === 'enum') {
      const values: { name: string; line: number }[] = [];
      for (const entry of done.body) {
        if (entry.text.startsWith('@@')) continue;
        const value = ENUM_VALUE.exec(entry.text);
        if (value) values.push({ name: value[1]!, line: entry.line });
      }
      enums.push({ name: done.name, values, line: done.line });
    } else if (done.kind === 'generator') {
      const settings = new Map<string, string>();
      for (const entry of done.body) {
        const setting = SETTING.exec(entry.text);
        if (setting) settings.set(setting[1]!, unquote(setting[2]!.trim()));
      }
      const provider = settings.get('provider');
      const output = settings.get('output');
      generators.push({
        name: done.name,
        line: done.line,
        ...(provider === undefined ? {} : { provider }),
        ...(output === undefined ? {} : { output }),
      });
    }
  }
}

/** Drops a `//` comment (and `///` doc comment) that is not inside a string. */
function stripComment(line: string): string {
  let inString = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (char === '\\' && inString) {
      index++;
    } else if (char === '"') {
      inString = !inString;
    } else if (!inString && char === '/' && line[index + 1] === '/') {
      return line.slice(0, index);
    }
  }
  return line;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1)
    : value;
}

/**
 * The Prisma schema files of a project, where Prisma looks for them: the `prisma.schema` of
 * package.json, else `prisma/schema.prisma`, `schema.prisma`, or every `.prisma` file of a schema
 * folder (`prisma/schema/`). Paths are relative to `root`, with forward slashes; none outside it.
 */
export function findPrismaSchemaFiles(root: string): string[] {
  const candidates: string[] = [];
  const manifest = readText(join(root, 'package.json'));
  if (manifest !== undefined) {
    try {
      const schema = (JSON.parse(manifest) as { prisma?: { schema?: unknown } }).prisma?.schema;
      if (typeof schema === 'string') candidates.push(schema);
    } catch {
      // A broken package.json is reported by the tools that own it; the default locations count.
    }
  }
  candidates.push('prisma/schema.prisma', 'schema.prisma', 'prisma/schema');
  for (const candidate of candidates) {
    const path = relative(root, resolve(root, candidate)).replaceAll('\\', '/');
    if (path.startsWith('..')) continue;
    const info = statOrUndefined(join(root, path));
    if (info?.isFile()) return [path];
    if (info?.isDirectory()) {
      const files = readdirSync(join(root, path), { withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.prisma'))
        .map((entry) => `${path}/${entry.name}`)
        .sort();
      if (files.length > 0) return files;
    }
  }
  return [];
}

/** What a project's Prisma schema files declare, merged. */
export interface PrismaProject {
  /** The schema files, relative to the root. */
  readonly files: readonly string[];
  readonly models: readonly PrismaModel[];
  /** Where generators put the client when they set an `output`: absolute paths. */
  readonly outputs: readonly string[];
}

/** The models of a project's Prisma schema files; undefined when it has none. */
export function readPrismaProject(root: string): PrismaProject | undefined {
  const files = findPrismaSchemaFiles(root);
  if (files.length === 0) return undefined;
  const models: PrismaModel[] = [];
  const outputs: string[] = [];
  for (const file of files) {
    const schema = parsePrismaSchema(readText(join(root, file)) ?? '');
    models.push(...schema.models);
    for (const generator of schema.generators) {
      if (generator.output !== undefined)
        outputs.push(resolve(root, dirname(file), generator.output));
    }
  }
  return { files, models, outputs };
}

/** The property of a generated Prisma client that queries a model (`LoggedRequest` → `loggedRequest`). */
export function prismaClientProperty(model: string): string {
  return model.charAt(0).toLowerCase() + model.slice(1);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
