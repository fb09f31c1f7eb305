/**
 * What a file field (`{ type: "string", "x-file": true }`, `ui:widget: "file-ref"`) holds. Nothing is uploaded
 * anywhere: the field keeps either a reference to a file the clerk has — JSON text `{"name","size","sha256"}`, so the
 * paper or the office's archive can be matched to the case later — or a link (http/https) to where the file lives.
 */
export interface FileReference {
  name: string;
  size: number;
  sha256: string;
}

export type FileFieldValue = { kind: 'file'; file: FileReference } | { kind: 'url'; url: string } | { kind: 'empty' } | { kind: 'invalid'; text: string };

export function fileReferenceText(file: FileReference): string {
  return JSON.stringify({ name: file.name, size: file.size, sha256: file.sha256 });
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function readFileFieldValue(value: unknown): FileFieldValue {
  if (value === undefined || value === null || value === '') return { kind: 'empty' };
  if (typeof value !== 'string') return { kind: 'invalid', text: JSON.stringify(value) };
  const text = value.trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as Partial<FileReference>;
      if (typeof parsed.name === 'string' && typeof parsed.size === 'number' && typeof parsed.sha256 === 'string' && /^[0-9a-f]{64}$/.test(parsed.sha256)) {
        return { kind: 'file', file: { name: parsed.name, size: parsed.size, sha256: parsed.sha256 } };
      }
    } catch {
      // Not a reference: fall through and say so.
    }
    return { kind: 'invalid', text };
  }
  if (isHttpUrl(text)) return { kind: 'url', url: text };
  return { kind: 'invalid', text };
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
