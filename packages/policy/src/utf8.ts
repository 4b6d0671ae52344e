import type { Range } from './source.js';

/** Why bytes are not UTF-8 text, and where the first bad byte is. */
export interface Utf8Failure {
  readonly range: Range;
  readonly message: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 bytes (a BOM is dropped), or says where the first byte that is not UTF-8 is. */
export function decodeUtf8(bytes: Uint8Array): string | Utf8Failure {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
      message: 'the file is UTF-16 text; save it as UTF-8',
    };
  }
  try {
    return decoder.decode(bytes);
  } catch {
    const offset = firstInvalidByte(bytes);
    const before = decoder.decode(bytes.subarray(0, offset));
    const lines = before.split('\n');
    const line = lines.length;
    const column = lines[lines.length - 1]!.length + 1;
    const byte = bytes[offset] ?? 0;
    return {
      range: { line, column, endLine: line, endColumn: column + 1 },
      message: `the file is not valid UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} does not start or continue a character; save the file as UTF-8`,
    };
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else {
      return index;
    }
    for (let next = 1; next < length; next++) {
      const byte = bytes[index + next];
      const min = next === 1 ? low : 0x80;
      const max = next === 1 ? high : 0xbf;
      if (byte === undefined || byte < min || byte > max) return index;
    }
    index += length;
  }
  return bytes.length;
}
