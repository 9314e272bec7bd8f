/**
 * The addresses of the PDF routes (API.md "Results"; issue 24). They are fetched by web/src/results/download.ts rather
 * than followed, so a refusal shows as its problem; the language is the document's, `id` or `en`.
 */

import { withQuery } from '../api.ts';
import type { Lang } from '../i18n/format.ts';

const enc = encodeURIComponent;

export const documentsApi = {
  /** The ranking report: every category or one, the latest published version or `version`, the preview before. */
  reportUrl: (pid: string, query: { lang: Lang; category?: string; version?: number }) =>
    withQuery(`/api/periods/${enc(pid)}/report.pdf`, {
      category: query.category,
      version: query.version,
      lang: query.lang,
    }),
  /** A body's scorecard. */
  scorecardUrl: (sid: string, lang: Lang) => withQuery(`/api/submissions/${enc(sid)}/scorecard.pdf`, { lang }),
  /** A body's certificate in force (404 when it has none). */
  certificateUrl: (sid: string, lang: Lang) => withQuery(`/api/submissions/${enc(sid)}/certificate.pdf`, { lang }),
  /** Every valid certificate of the period as one ZIP, streamed, with `X-Certificate-Count`. */
  certificatesZipUrl: (pid: string, lang: Lang) => withQuery(`/api/periods/${enc(pid)}/certificates.zip`, { lang }),
};
