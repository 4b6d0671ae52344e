import { toVisibleText } from '../output/safe-text.js';
import { APPENDIX_END, APPENDIX_START } from './appendix.js';
import type { Block, Inline, RecordDocument, Text } from './document.js';
import { type ProcessingRecord, RECORD_MARKER } from './record.js';

/** Renders a record document as one self-contained, printable HTML page with a table of contents. */
export function renderHtml(record: ProcessingRecord, document: RecordDocument): string {
  const body = document.blocks.map(renderBlock).join('\n');
  return `<!DOCTYPE html>
<!-- ${escapeHtml(RECORD_MARKER)} from ${escapeHtml(record.policyFile)}. Do not edit: change the policy and run consentry ropa. -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(RECORD_MARKER)}">
<title>${escapeHtml(document.title)}</title>
<style>
${STYLE}
${pageMargins(document.title, record)}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

const STYLE = `:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --band: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.9rem; margin: 0 0 .5rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p { margin: .4rem 0 .8rem; }
code { font: .88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--band); padding: 0 .2em; border-radius: 3px; }
td code { overflow-wrap: normal; }
.warning { color: #b42318; }
a { color: #0b57d0; }
nav.toc ol { margin: .2rem 0; padding-left: 1.4rem; }
dl.fields { display: grid; grid-template-columns: minmax(12rem, 18rem) 1fr; gap: .25rem 1rem; margin: .6rem 0 1rem; }
dl.fields dt { font-weight: 600; color: var(--muted); }
dl.fields dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92em; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--band); }
td { font-variant-numeric: tabular-nums; }
ul { margin: .3rem 0 1rem; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  nav.toc { break-after: page; }
  h2 { break-before: auto; break-after: avoid; }
  h2[id^="activity-"] { break-before: page; }
  h3 { break-after: avoid; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, dl.fields { break-inside: avoid; }
}`;

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'heading':
      return `<h${block.level} id="${escapeHtml(block.id)}">${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p>${inline(block.text)}</p>`;
    case 'fields':
      return `<dl class="fields">\n${block.rows
        .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${inline(value)}</dd>`)
        .join('\n')}\n</dl>`;
    case 'list':
      return `<ul>\n${block.items.map((item) => `<li>${inline(item)}</li>`).join('\n')}\n</ul>`;
    case 'toc':
      return `<nav class="toc" aria-label="Contents">\n<ol>\n${block.entries
        .map((entry) => `<li><a href="#${escapeHtml(entry.id)}">${escapeHtml(entry.text)}</a></li>`)
        .join('\n')}\n</ol>\n</nav>`;
    case 'appendix':
      return block.edge === 'start'
        ? `<!-- ${APPENDIX_START}: lines move with every edit; consentry ropa --check does not compare them. -->\n<section class="appendix">`
        : `</section>\n<!-- ${APPENDIX_END} -->`;
    case 'table':
      return `<table>\n<thead><tr>${block.columns
        .map((column) => `<th scope="col">${escapeHtml(column)}</th>`)
        .join('')}</tr></thead>\n<tbody>\n${block.rows
        .map((row) => `<tr>${row.map((cell) => `<td>${inline(cell)}</td>`).join('')}</tr>`)
        .join('\n')}\n</tbody>\n</table>`;
  }
}

function inline(text: Text): string {
  return text.map(piece).join('');
}

function piece(part: Inline): string {
  if (typeof part === 'string') return escapeHtml(part);
  // Paths may break after a slash, never inside a name.
  if ('code' in part) return `<code>${escapeHtml(part.code).replace(/\//g, '/<wbr>')}</code>`;
  if ('warning' in part) return `<strong class="warning">${escapeHtml(part.warning)}</strong>`;
  return `<a href="#${escapeHtml(part.anchor)}">${escapeHtml(part.text)}</a>`;
}

/**
 * Printed pages carry the title and the policy's revision at the foot, and their number out of
 * the total (CSS page-margin boxes with the page counters).
 */
function pageMargins(title: string, record: ProcessingRecord): string {
  const revision = record.policyRevision;
  const stamp =
    revision === undefined
      ? ''
      : ` · policy ${[revision.version, revision.date].filter((part) => part !== undefined).join(', ')}`;
  return `@page {
  @bottom-left { content: ${cssString(`${title}${stamp}`)}; font: 8pt system-ui, sans-serif; color: #57606a; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #57606a; }
}`;
}

// A CSS string literal: quotes and backslashes escaped, line breaks and `<` as hex escapes.
function cssString(text: string): string {
  return `"${toVisibleText(text)
    .replace(/[\\"]/g, '\\$&')
    .replace(/[\n\r<>]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `)}"`;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return toVisibleText(text, '\t\n')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
