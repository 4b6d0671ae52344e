import { toVisibleText } from '../output/safe-text.js';
import { APPENDIX_END, APPENDIX_START } from './appendix.js';
import type { Block, Inline, RecordDocument, Text } from './document.js';
import { type ProcessingRecord, RECORD_MARKER } from './record.js';

/** Renders a record document as GitHub-flavoured Markdown, meant to be committed. */
export function renderMarkdown(record: ProcessingRecord, document: RecordDocument): string {
  const lines: string[] = [
    `<!-- ${RECORD_MARKER} from ${record.policyFile}. Do not edit: change the policy and run \`consentry ropa\`. -->`,
    '',
  ];
  for (const block of document.blocks) {
    lines.push(...renderBlock(block), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function renderBlock(block: Block): string[] {
  switch (block.type) {
    case 'heading':
      return [`${'#'.repeat(block.level)} ${escapeText(block.text)}`];
    case 'paragraph':
      return [inline(block.text)];
    case 'fields':
      return block.rows.map(([label, value]) => `- **${escapeText(label)}:** ${inline(value)}`);
    case 'list':
      return block.items.map((item) => `- ${inline(item)}`);
    case 'toc':
      return block.entries.map((entry) => `- [${escapeText(entry.text)}](#${entry.id})`);
    case 'appendix':
      return [
        block.edge === 'start'
          ? `<!-- ${APPENDIX_START}: lines move with every edit; consentry ropa --check does not compare them. -->`
          : `<!-- ${APPENDIX_END} -->`,
      ];
    case 'table':
      return table(
        block.columns.map(escapeText),
        block.rows.map((row) => row.map((cell) => inline(cell, true))),
      );
  }
}

// Columns are padded to their display width, as Prettier and Biome format Markdown tables, so a
// formatter run over the committed record leaves it unchanged.
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) =>
    Math.max(3, displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell + ' '.repeat(widths[column]! - displayWidth(cell))).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...rows.map(line),
  ];
}

/** Terminal columns a string takes: wide East Asian characters and emoji count 2, combining marks 0. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (ZERO_WIDTH.test(char)) continue;
    width += WIDE.test(char) ? 2 : 1;
  }
  return width;
}

const ZERO_WIDTH = /^[\p{M}\u200B-\u200F\u2060\uFEFF]$/u;
const WIDE =
  /^[\p{Emoji_Presentation}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u1100-\u115F\uAC00-\uD7A3\u2E80-\u303E\u3041-\u33FF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]$/u;

function inline(text: Text, inCell = false): string {
  return text.map((part) => piece(part, inCell)).join('');
}

function piece(part: Inline, inCell: boolean): string {
  if (typeof part === 'string') return escapeText(part);
  // GFM splits table cells on every unescaped pipe, even inside code spans.
  if ('code' in part)
    return inCell ? codeSpan(part.code).replace(/\|/g, '\\|') : codeSpan(part.code);
  if ('warning' in part) return `**${escapeText(part.warning)}**`;
  return `[${escapeText(part.text)}](#${part.anchor})`;
}

function codeSpan(code: string): string {
  const flat = toVisibleText(code).replace(/\s+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

// Escapes what Markdown would read as formatting or HTML, and flattens line breaks.
function escapeText(text: string): string {
  return toVisibleText(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\\`*_[\]<>#|]/g, (char) => `\\${char}`);
}
