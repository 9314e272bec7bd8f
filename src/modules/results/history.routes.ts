import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../http/errors.ts';
import { IdParam, jsonContent, problems, SESSION, WRITE_ERRORS } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import * as service from './history.service.ts';
import { HistoryImportResultSchema } from './public.schemas.ts';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

const HistoryQuerySchema = z.object({
  bands: z
    .string()
    .max(200)
    .optional()
    .openapi({
      param: { name: 'bands', in: 'query' },
      description:
        'Four band minimums, strictly descending (default 90,80,60,40): Informatif, Menuju Informatif, Cukup ' +
        'Informatif, Kurang Informatif; Tidak Informatif starts at 0.',
      example: '90,80,60,40',
    }),
  example: z
    .enum(['true', 'false'])
    .optional()
    .openapi({
      param: { name: 'example', in: 'query' },
      description: 'true: the figures are generated, not a decree’s; every row is marked as an example.',
    }),
});

const importRoute = createRoute({
  method: 'post',
  path: '/commissions/{cid}/history/import',
  operationId: 'importHistory',
  tags: ['results'],
  security: SESSION,
  summary: 'Import earlier decrees’ results from CSV (year,bodyName,categoryCode,final); any bad line imports nothing',
  description:
    'Commission admin (or platform admin). Header on line 1: `year,bodyName,categoryCode,final`, optionally ' +
    '`decreeNumber,decreeDate` (YYYY-MM-DD), the same on every line of a year; without them a year’s decree is ' +
    '“Impor riwayat <year>” dated <year>-12-31. Each year becomes a published period of the commission with ' +
    'version 1 (source imported): one component “Nilai akhir” (weight 100), 2 decimals, the bands of `bands` (the ' +
    'first three earn certificates), competition ranking per category on the final (ties share a rank, the next ' +
    'skips; tied rows listed by name). Bodies are matched by name ignoring case and spacing; unknown ones are added ' +
    'to the registry in the line’s category. A bad line (year not 2000-2100 or already a period of the commission, ' +
    'empty name, unknown category, final not 0-100 with at most 2 decimals, a body twice in one year, decree columns ' +
    'differing within a year) answers 422 INVALID_CSV with every bad line in `errors` ({line, message}); nothing is ' +
    'written. One transaction.',
  request: {
    params: z.object({ cid: IdParam('cid') }),
    query: HistoryQuerySchema,
    body: { required: true, content: { 'text/csv': { schema: z.string() } } },
  },
  responses: {
    200: jsonContent(HistoryImportResultSchema, 'Imported: rows, and per year the period created'),
    ...problems(...WRITE_ERRORS),
  },
});

export const historyRoutes = createRouter().openapi(importRoute, async (c) => {
  const actor = requireActor(c);
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!CSV_TYPES.includes(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as text/csv.');
  const result = await service.importHistory(
    c.get('deps'),
    actor,
    c.req.valid('param').cid,
    await c.req.text(),
    c.req.valid('query'),
  );
  return c.json(result, 200);
});
