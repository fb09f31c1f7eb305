/**
 * The text of an XML file as its author meant it: BPMN and DMN files from other tools are sometimes ISO-8859-1
 * (the MIWG reference models are), and reading them as UTF-8 would turn every accented name into replacement marks.
 */

const DECLARED_ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/** The encoding named in the XML declaration, or undefined when there is none (XML then means UTF-8). */
export function declaredXmlEncoding(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII whatever the encoding, so the first bytes can be read as Latin-1 to find it.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return DECLARED_ENCODING.exec(head)?.[1];
}

/** Decodes an XML file by its declaration; a byte-order mark wins over the declaration, as XML says. */
export function xmlFileText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const encoding = declaredXmlEncoding(bytes) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: false });
  } catch {
    throw new Error(`The file declares the encoding "${encoding}", which this browser cannot read`);
  }
  return decoder.decode(bytes);
}

/**
 * Reads a picked file as XML text. The text is Unicode now, so its declaration says UTF-8: a declaration still naming
 * ISO-8859-1 would make the parser warn, and the exported file is UTF-8 anyway.
 */
export async function readXmlFile(file: File): Promise<string> {
  return asUtf8Declaration(xmlFileText(new Uint8Array(await file.arrayBuffer())));
}

/**
 * The text to store or deploy after the modeler has re-encoded it: bpmn-js writes UTF-8, so a declaration that still
 * names another encoding would make the server misread it.
 */
export function asUtf8Declaration(xml: string): string {
  return xml.replace(/^(\s*<\?xml[^>]*\bencoding\s*=\s*["'])[A-Za-z0-9._-]+(["'])/, '$1UTF-8$2');
}
