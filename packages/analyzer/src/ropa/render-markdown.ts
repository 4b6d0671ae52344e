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
    case 'table':
      return [
        `| ${block.columns.map(escapeText).join(' | ')} |`,
        `|${block.columns.map(() => '---').join('|')}|`,
        ...block.rows.map((row) => `| ${row.map((cell) => inline(cell, true)).join(' | ')} |`),
      ];
  }
}

function inline(text: Text, inCell = false): string {
  return text.map((part) => piece(part, inCell)).join('');
}

function piece(part: Inline, inCell: boolean): string {
  if (typeof part === 'string') return escapeText(part);
  // GFM splits table cells on every unescaped pipe, even inside code spans.
  if ('code' in part)
    return inCell ? codeSpan(part.code).replace(/\|/g, '\\|') : codeSpan(part.code);
  return `[${escapeText(part.text)}](#${part.anchor})`;
}

function codeSpan(code: string): string {
  const flat = code.replace(/\s+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

// Escapes what Markdown would read as formatting or HTML, and flattens line breaks.
function escapeText(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_[\]<>#|]/g, (char) => `\\${char}`);
}
