// The evidence appendix of a record sits between two markers, so `ropa --check` can leave out
// the line numbers that change with every edit of the code.

/** Marks where the evidence appendix starts, in an HTML or Markdown comment. */
export const APPENDIX_START = 'consentry:appendix-start';

/** Marks where it ends. */
export const APPENDIX_END = 'consentry:appendix-end';

/**
 * A rendered record without its evidence appendix: the lines from the start marker to the end
 * marker in Markdown and HTML, the `evidence` property in JSON. Other text is returned as is.
 */
export function withoutAppendix(text: string): string {
  const start = text.indexOf(APPENDIX_START);
  if (start !== -1) {
    const from = text.lastIndexOf('\n', start) + 1;
    const endMarker = text.indexOf(APPENDIX_END, start);
    const to = endMarker === -1 ? text.length : text.indexOf('\n', endMarker) + 1 || text.length;
    return text.slice(0, from) + text.slice(to);
  }
  if (text.trimStart().startsWith('{')) {
    try {
      const document = JSON.parse(text) as Record<string, unknown>;
      if (document !== null && typeof document === 'object' && 'evidence' in document) {
        const { evidence: _lines, ...rest } = document;
        return `${JSON.stringify(rest, null, 2)}\n`;
      }
    } catch {
      // Not JSON after all (or a broken file): compared as it is.
    }
  }
  return text;
}
