import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AwsClient } from 'aws4fetch';
import type { FileStorage } from './storage.ts';

const safeKey = (key: string) => {
  if (!/^[a-zA-Z0-9/_.-]+$/.test(key) || key.includes('..')) throw new Error(`unsafe storage key ${key}`);
  return key;
};

/** Files under a folder (DATA_DIR/files): the default of the embedded mode. */
export function createLocalStorage(root: string): FileStorage {
  const base = path.resolve(root);
  return {
    kind: 'local',
    async putFile(key, tempPath) {
      const target = path.join(base, safeKey(key));
      await mkdir(path.dirname(target), { recursive: true });
      try {
        await rename(tempPath, target);
      } catch {
        // another file system: copy, then remove the temporary file
        await copyFile(tempPath, target);
        await unlink(tempPath);
      }
    },
    async get(key) {
      const file = path.join(base, safeKey(key));
      try {
        await stat(file);
      } catch {
        return null;
      }
      return Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    },
  };
}

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Any S3-compatible store (AWS S3, MinIO, R2's S3 API), signed with SigV4 by aws4fetch; path-style URLs. */
export function createS3Storage(config: S3Config, fetchImpl: typeof fetch = fetch): FileStorage {
  const client = new AwsClient({
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    region: config.region,
    service: 's3',
  });
  const url = (key: string) => `${config.endpoint.replace(/\/+$/, '')}/${config.bucket}/${safeKey(key)}`;
  return {
    kind: 's3',
    async putFile(key, tempPath, size, contentType) {
      const signed = await client.sign(url(key), {
        method: 'PUT',
        headers: {
          'content-type': contentType,
          'content-length': String(size),
          'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        },
      });
      const res = await fetchImpl(signed.url, {
        method: 'PUT',
        headers: signed.headers,
        body: Readable.toWeb(createReadStream(tempPath)) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit);
      await unlink(tempPath).catch(() => {});
      if (!res.ok) throw new Error(`S3 PUT ${key}: ${res.status}`);
    },
    async get(key) {
      const signed = await client.sign(url(key), {
        method: 'GET',
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      });
      const res = await fetchImpl(signed);
      if (res.status === 404) return null;
      if (!res.ok || !res.body) throw new Error(`S3 GET ${key}: ${res.status}`);
      return res.body;
    },
  };
}
