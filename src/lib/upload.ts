/** A received upload, already on temporary storage; the host (Node, Workers) knows how to receive one. */
export interface ReceivedUpload {
  tempPath: string;
  name: string;
  size: number;
  sha256: string;
  /** The first bytes, for recognising the type. */
  head: Uint8Array;
  /** The text fields sent beside the file (none is stored; they are returned so the edge's text rule holds for them). */
  fields: { name: string; value: string }[];
}

export type UploadReceiver = (request: Request, limit: number) => Promise<ReceivedUpload>;

/**
 * Why an upload was refused. The receivers (one per host) throw an UploadError; http maps each reason to its status:
 * not multipart 415, an unreadable body 400, a file over the limit 413, no `file` field 422.
 */
export type UploadRefusal = 'not-multipart' | 'unreadable' | 'too-large' | 'no-file';

export class UploadError extends Error {
  constructor(
    readonly reason: UploadRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}
