/**
 * Turns the bytes of an XML resource into text the way an XML parser would: a byte order mark
 * wins, otherwise the encoding named in the XML declaration, otherwise UTF-8.
 * (Some reference models are ISO-8859-1; moddle-xml itself only reads strings.)
 */

export type DecodedXmlResource =
  | { ok: true; text: string }
  | { ok: false; message: string; line: number; column: number };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const DECLARED_ENCODING = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/;

export function decodeXmlResource(content: string | Uint8Array): DecodedXmlResource {
  if (typeof content === 'string') {
    return { ok: true, text: stripBom(content) };
  }
  if (!(content instanceof Uint8Array)) {
    return { ok: false, message: 'Resource content must be a string or bytes', line: 1, column: 1 };
  }

  let offset = 0;
  let encoding = 'utf-8';
  if (startsWith(content, UTF8_BOM)) {
    offset = 3;
  } else if (content[0] === 0xff && content[1] === 0xfe) {
    offset = 2;
    encoding = 'utf-16le';
  } else if (content[0] === 0xfe && content[1] === 0xff) {
    offset = 2;
    encoding = 'utf-16be';
  } else {
    // The declaration is ASCII in every encoding we can meet without a BOM; latin1 reads it byte for byte.
    const head = new TextDecoder('latin1').decode(content.subarray(0, 1024));
    const declared = DECLARED_ENCODING.exec(head);
    if (declared) {
      const label = declared[2].trim();
      if (!isSupportedEncoding(label)) {
        const labelOffset = declared.index + declared[0].length - declared[1].length - declared[2].length;
        return {
          ok: false,
          message: `The XML declaration names encoding '${label}', which is not supported`,
          line: lineOfOffset(head, labelOffset),
          column: columnOfOffset(head, labelOffset),
        };
      }
      // A declaration readable as ASCII cannot be UTF-16 text; such files are really UTF-8.
      encoding = /^utf-?16/i.test(label) ? 'utf-8' : label.toLowerCase();
    }
  }

  const body = content.subarray(offset);
  try {
    return { ok: true, text: stripBom(new TextDecoder(encoding, { fatal: true }).decode(body)) };
  } catch {
    const at = encoding === 'utf-8' || encoding === 'utf8' ? firstInvalidUtf8Byte(body) : 0;
    const before = new TextDecoder(encoding).decode(body.subarray(0, at));
    return {
      ok: false,
      message: `The resource is not valid ${encoding.toUpperCase()} text (invalid bytes at byte offset ${at + offset})`,
      line: lineOfOffset(before, before.length),
      column: columnOfOffset(before, before.length),
    };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function isSupportedEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) line++;
  }
  return line;
}

function columnOfOffset(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return offset - lineStart + 1;
}

/** Offset of the first byte that starts an ill-formed UTF-8 sequence (bytes.length if none). */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index];
    let length: number;
    let min: number;
    if (lead < 0x80) {
      index++;
      continue;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return index;
    }
    if (index + length > bytes.length) return index;
    let codePoint = lead & (0xff >> (length + 1));
    for (let next = 1; next < length; next++) {
      const continuation = bytes[index + next];
      if ((continuation & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (continuation & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index;
    index += length;
  }
  return bytes.length;
}
