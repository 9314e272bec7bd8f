/**
 * Where evidence files live. Uploads are first streamed to a temporary file (bounded memory, size and type checked,
 * SHA-256 computed on the way); `putFile` then moves that file into the store.
 */
export interface FileStorage {
  kind: 'local' | 's3';
  putFile(key: string, tempPath: string, size: number, contentType: string): Promise<void>;
  /** The stored bytes as a stream, or null when missing. */
  get(key: string): Promise<ReadableStream<Uint8Array> | null>;
}
