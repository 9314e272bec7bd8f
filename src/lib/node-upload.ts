import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { type ReceivedUpload, UploadError } from './upload.ts';

/**
 * Streams the `file` field of a multipart request to a temporary file under `tempDir`, computing size, SHA-256 and
 * the first bytes on the way: never more than a chunk in memory. Over `limit` bytes: refused (413) and nothing kept.
 */
export function createNodeUploadReceiver(tempDir: string) {
  return async (request: Request, limit: number): Promise<ReceivedUpload> => {
    const type = request.headers.get('content-type') ?? '';
    if (!/^multipart\/form-data/i.test(type) || !request.body) {
      throw new UploadError('not-multipart', 'Send the file as multipart/form-data in the field “file”.');
    }
    await mkdir(tempDir, { recursive: true });
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': type },
        // browsers send the file name as raw UTF-8 bytes; busboy reads header parameters as latin1 unless told, and
        // `Laporan–Tahunan é.pdf` became `LaporanâTahunan Ã©.pdf` (an RFC 5987 `filename*=` names its own charset)
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: limit, fields: 10, parts: 20 },
      });
    } catch {
      throw new UploadError('unreadable', 'The multipart body cannot be read.');
    }
    const fields: { name: string; value: string }[] = [];
    // the whole body parsed (the fields may follow the file), or why it cannot be
    let closed: () => void = () => {};
    let broken: (error: Error) => void = () => {};
    const parsed = new Promise<void>((resolve, reject) => {
      closed = resolve;
      broken = reject;
    });
    const received = new Promise<Omit<ReceivedUpload, 'fields'>>((resolve, reject) => {
      let found = false;
      parser.on('file', (field, stream, info) => {
        if (field !== 'file' || found) {
          stream.resume();
          return;
        }
        found = true;
        const tempPath = path.join(tempDir, `upload-${randomUUID()}`);
        const hash = createHash('sha256');
        let size = 0;
        let head = Buffer.alloc(0);
        let truncated = false;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          hash.update(chunk);
          if (head.length < 64) head = Buffer.concat([head, chunk.subarray(0, 64 - head.length)]);
        });
        stream.on('limit', () => {
          truncated = true;
        });
        pipeline(stream, createWriteStream(tempPath)).then(
          async () => {
            if (truncated) {
              await unlink(tempPath).catch(() => {});
              reject(new UploadError('too-large', `A file may be at most ${Math.round(limit / 1024 / 1024)} MB.`));
              return;
            }
            resolve({
              tempPath,
              name: info.filename || 'file',
              size,
              sha256: hash.digest('hex'),
              head: new Uint8Array(head),
            });
          },
          async (error) => {
            await unlink(tempPath).catch(() => {});
            reject(error);
          },
        );
      });
      parser.on('field', (name, value) => fields.push({ name, value }));
      parser.on('error', () => {
        const error = new UploadError('unreadable', 'The multipart body cannot be read.');
        reject(error);
        broken(error);
      });
      parser.on('close', () => {
        closed();
        if (!found) reject(new UploadError('no-file', 'No file in the field “file”.'));
      });
      Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>)
        .on('error', (error) => {
          reject(error);
          broken(error);
        })
        .pipe(parser);
    });
    const [file] = await Promise.all([received, parsed]);
    return { ...file, fields };
  };
}
