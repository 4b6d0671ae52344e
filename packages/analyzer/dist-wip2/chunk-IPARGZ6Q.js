// src/catalogue/prisma-schema.ts
import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { ts } from './chunk-ENMR6OK3.js';

var BLOCK_START =
  /^(model|view|enum|type|generator|datasource)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{\s*$/;
var FIELD = /^([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z_][A-Za-z0-9_]*)(\[\])?(\?)?(?:\s|$)/;
var ENUM_VALUE = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s|$)/;
var SETTING = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/;
var MAP_ATTRIBUTE = /^@@map\(\s*(?:name:\s*)?"([^"]*)"\s*\)/;
function parsePrismaSchema(text) {
  const models = [];
  const enums = [];
  const generators = [];
  const problems = [];
  const lines = text.split(/\r?\n/);
  let block;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = stripComment(raw).trim();
    if (content === '') return;
    if (block === void 0) {
      const start = BLOCK_START.exec(content);
      if (start) {
        block = { kind: start[1], name: start[2], line, body: [] };
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
      block = void 0;
      return;
    }
    block.body.push({ text: content, line });
  });
  if (block !== void 0) {
    const open = block;
    problems.push({
      line: open.line,
      column: 1,
      message: `${open.kind} ${open.name} is not closed with \`}\`; it is skipped`,
    });
  }
  return { models, enums, generators, problems };
  function finish(done) {
    if (done.kind === 'model' || done.kind === 'view') {
      const fields = [];
      let table = done.name;
      for (const entry of done.body) {
        if (entry.text.startsWith('@@')) {
          const mapped = MAP_ATTRIBUTE.exec(entry.text);
          if (mapped) table = mapped[1];
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
          name: field[1],
          type: field[2],
          list: field[3] !== void 0,
          optional: field[4] !== void 0,
          line: entry.line,
        });
      }
      models.push({ name: done.name, table, fields, line: done.line });
    } else if (done.kind === 'enum') {
      const values = [];
      for (const entry of done.body) {
        if (entry.text.startsWith('@@')) continue;
        const value = ENUM_VALUE.exec(entry.text);
        if (value) values.push({ name: value[1], line: entry.line });
      }
      enums.push({ name: done.name, values, line: done.line });
    } else if (done.kind === 'generator') {
      const settings = /* @__PURE__ */ new Map();
      for (const entry of done.body) {
        const setting = SETTING.exec(entry.text);
        if (setting) settings.set(setting[1], unquote(setting[2].trim()));
      }
      const provider = settings.get('provider');
      const output = settings.get('output');
      generators.push({
        name: done.name,
        line: done.line,
        ...(provider === void 0 ? {} : { provider }),
        ...(output === void 0 ? {} : { output }),
      });
    }
  }
}
function stripComment(line) {
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
function unquote(value) {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1)
    : value;
}
function findPrismaSchemaFiles(root) {
  const candidates = [];
  const manifest = readText(join(root, 'package.json'));
  if (manifest !== void 0) {
    try {
      const schema = JSON.parse(manifest).prisma?.schema;
      if (typeof schema === 'string') candidates.push(schema);
    } catch {}
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
function readPrismaProject(root) {
  const files = findPrismaSchemaFiles(root);
  if (files.length === 0) return void 0;
  const models = [];
  const outputs = [];
  for (const file of files) {
    const schema = parsePrismaSchema(readText(join(root, file)) ?? '');
    models.push(...schema.models);
    for (const generator of schema.generators) {
      if (generator.output !== void 0) outputs.push(resolve(root, dirname(file), generator.output));
    }
  }
  return { files, models, outputs };
}
function prismaClientProperty(model) {
  return model.charAt(0).toLowerCase() + model.slice(1);
}
function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return void 0;
  }
}
function statOrUndefined(path) {
  try {
    return statSync(path);
  } catch {
    return void 0;
  }
}

// src/code/access-chain.ts
function accessChain(expression) {
  const names = [];
  let current = expression;
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) {
      names.unshift(current.name.text);
      current = current.expression;
    } else if (
      ts.isElementAccessExpression(current) &&
      ts.isStringLiteralLike(current.argumentExpression)
    ) {
      names.unshift(current.argumentExpression.text);
      current = current.expression;
    } else if (
      ts.isParenthesizedExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isAwaitExpression(current) ||
      ts.isCallExpression(current)
    ) {
      current = current.expression;
    } else {
      if (ts.isIdentifier(current)) names.unshift(current.text);
      else if (current.kind === ts.SyntaxKind.ThisKeyword) names.unshift('this');
      else if (names.length > 0) names.unshift('');
      return names;
    }
  }
}

export {
  accessChain,
  findPrismaSchemaFiles,
  parsePrismaSchema,
  prismaClientProperty,
  readPrismaProject,
};
//# sourceMappingURL=chunk-IPARGZ6Q.js.map
