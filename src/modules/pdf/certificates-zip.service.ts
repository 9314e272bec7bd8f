/**
 * Every certificate in force of a published period as one ZIP (issue 24, item 4), streamed as it is made: one PDF per
 * certificate (`piagam/0001-<body>.pdf`, in the certificates' order: category, body name), then `daftar-piagam.csv`
 * listing them. A certificate is rendered only when the client has read what came before (a pull stream with no
 * buffer ahead), so memory stays flat whatever the count, and the renderer (a recycled worker on Node) is never
 * asked for more than one at a time by a download.
 */
import { Zip, ZipPassThrough } from 'fflate';
import type { Actor } from '../../domain/access.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { PdfRenderer } from '../../lib/pdf-renderer.ts';
// periods' repository, not its service: the ZIP authorizes for its own permission (certificates.bulk), not period.read
import * as periods from '../periods/periods.repository.ts';
// the open-data CSV's field quoting, so that both CSV files we publish quote alike
import { csvField } from '../results/public.service.ts';
import { certificateData } from './certificate-data.ts';
import { certificateRecords } from './certificates.repository.ts';
import type { CertificateData } from './documents/certificate-data.ts';
import { bodySlug, rendererOf } from './pdf-response.ts';
import type { PdfLang } from './pdf-types.ts';

/** The folder of the PDFs inside the ZIP: the web client counts entries named `piagam/...` to show its progress. */
export const ZIP_FOLDER = 'piagam/';
export const ZIP_LIST = 'daftar-piagam.csv';

export interface CertificatesZip {
  fileName: string;
  /** Certificates in the ZIP (the X-Certificate-Count header): PDF entries, the CSV not counted. */
  count: number;
  stream: ReadableStream<Uint8Array>;
}

interface Entry {
  name: string;
  data: CertificateData;
}

/**
 * The ZIP of a period's certificates in force, for the commission's admins and leadership (and the platform admin);
 * another commission's period is a 404, and so is a period whose results are not published (no certificates yet).
 */
export async function certificatesZip(
  deps: AppDeps,
  actor: Actor,
  periodId: string,
  lang: PdfLang,
): Promise<CertificatesZip> {
  const period = await periods.findPeriod(deps.db, periodId);
  if (!period) throw new AppError('NOT_FOUND', 'No such period.');
  authorize(actor, 'certificates.bulk', { commissionId: period.commissionId }, 'period');
  if (period.stage !== 'published') {
    throw new AppError(
      'NOT_FOUND',
      'The period’s results are not published: certificates are issued when they are, so there is nothing to download yet.',
    );
  }
  const renderer = rendererOf(deps);
  const records = await certificateRecords(deps.db, { periodId, validOnly: true });
  const width = Math.max(4, String(records.length).length);
  const entries: Entry[] = records.map((record, i) => ({
    name: `${ZIP_FOLDER}${String(i + 1).padStart(width, '0')}-${bodySlug(record.bodyName)}.pdf`,
    data: certificateData(record, deps.publicUrl),
  }));
  return {
    fileName: `piagam-${period.year}.zip`,
    count: entries.length,
    stream: zipStream(entries, renderer, lang, (error, entry) =>
      deps.logger.error('pdf.zip_failed', { periodId, entry, error: String(error) }),
    ),
  };
}

/** The list inside the ZIP: one line per certificate, with the entry it is in; dot decimals at the methodology's. */
export function certificatesCsv(entries: readonly Entry[]): string {
  const header = 'file,code,bodyName,categoryName,band,final,verifyUrl';
  const lines = entries.map(({ name, data }) =>
    [
      name,
      data.code,
      data.bodyName,
      data.categoryName ?? '',
      data.band,
      data.final.toFixed(data.decimals),
      data.verifyUrl,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[header, ...lines].join('\r\n')}\r\n`;
}

function zipStream(
  entries: readonly Entry[],
  renderer: PdfRenderer,
  lang: PdfLang,
  onFailure: (error: unknown, entry: string) => void,
): ReadableStream<Uint8Array> {
  let out: Uint8Array[] = [];
  let zipError: Error | null = null;
  let ended = false;
  const zip = new Zip((error, chunk, final) => {
    if (error) zipError = error;
    else out.push(chunk);
    if (final) ended = true;
  });
  // PDFs are compressed already: stored as they are (ZipPassThrough), with a CRC; fflate writes each entry's sizes in a
  // data descriptor after it, so an entry goes out as soon as it is rendered
  const add = (name: string, bytes: Uint8Array) => {
    const file = new ZipPassThrough(name);
    zip.add(file);
    file.push(bytes, true);
  };
  let next = 0;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const entry = entries[next];
        try {
          if (entry) {
            next++;
            const bytes = await renderer.render({ kind: 'certificate', lang, data: entry.data });
            if (cancelled) return;
            add(entry.name, bytes);
          } else {
            add(ZIP_LIST, new TextEncoder().encode(certificatesCsv(entries)));
            zip.end();
          }
          if (zipError) throw zipError;
          for (const chunk of out) controller.enqueue(chunk);
          out = [];
          if (ended) controller.close();
        } catch (error) {
          if (cancelled) return;
          // the ZIP must not look complete: the stream errors (the connection is cut, with no central directory)
          onFailure(error, entry?.name ?? ZIP_LIST);
          zip.terminate();
          controller.error(error);
        }
      },
      cancel() {
        // the client went away: render nothing more
        cancelled = true;
        zip.terminate();
      },
    },
    // nothing is made ahead of the reader: the next certificate renders when the client asks for more
    { highWaterMark: 0 },
  );
}
