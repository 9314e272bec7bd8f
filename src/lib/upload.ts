/** A received upload, already on temporary storage; the host (Node, Workers) knows how to receive one. */
export interface ReceivedUpload {
  tempPath: string;
  name: string;
  size: number;
  sha256: string;
  /** The first bytes, for recognising the type. */
  head: Uint8Array;
}

export type UploadReceiver = (request: Request, limit: number) => Promise<ReceivedUpload>;
