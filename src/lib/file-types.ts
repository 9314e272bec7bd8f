/**
 * What an uploaded file really is, from its first bytes (never from its name): PDF, images, office documents.
 * ZIP- and OLE2-based office files share a container, so their exact type comes from an allowed extension.
 */
export interface SniffedType {
  contentType: string;
  extension: string;
}

const OFFICE_ZIP: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};

const OFFICE_OLE: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

const starts = (bytes: Uint8Array, prefix: number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The type of a file from its head (at least 16 bytes when the file has them) and name; null when not allowed. */
export function sniffFileType(head: Uint8Array, name: string): SniffedType | null {
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (starts(head, ascii('%PDF-'))) return { contentType: 'application/pdf', extension: 'pdf' };
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { contentType: 'image/png', extension: 'png' };
  if (starts(head, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', extension: 'jpg' };
  if (starts(head, ascii('GIF87a')) || starts(head, ascii('GIF89a')))
    return { contentType: 'image/gif', extension: 'gif' };
  if (starts(head, ascii('RIFF')) && starts(head, ascii('WEBP'), 8))
    return { contentType: 'image/webp', extension: 'webp' };
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) {
    const type = OFFICE_ZIP[ext];
    return type ? { contentType: type, extension: ext } : null;
  }
  if (starts(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const type = OFFICE_OLE[ext];
    return type ? { contentType: type, extension: ext } : null;
  }
  return null;
}
