import { createRoute, z } from '@hono/zod-openapi';
import type { AppContext } from '../../http/context.ts';
import { ANONYMOUS, IdParam, jsonContent, LIMIT, problems } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import {
  PublicBodyHistorySchema,
  PublicCertificateSchema,
  PublicCommissionsSchema,
  PublicMethodologySchema,
  PublicResultsSchema,
} from './public.schemas.ts';
import * as service from './public.service.ts';

const tags = ['public'];

/**
 * Published results are public and change only by a new publication: shared caches may keep them briefly (an
 * amendment or a revoked certificate shows within a minute). Anyone's page may read them (open data: no credentials,
 * so `*` is safe).
 */
const PUBLIC_HEADERS = {
  'Cache-Control': 'public, max-age=60',
  'Access-Control-Allow-Origin': '*',
};

const CodeParam = z
  .string()
  .min(1)
  .max(LIMIT.code)
  .openapi({ param: { name: 'code', in: 'path' }, example: 'KIP' });

const YearParam = z.coerce
  .number()
  .int()
  .min(2000)
  .max(2100)
  .openapi({ param: { name: 'year', in: 'path' }, example: 2025 });

/** `2025`, `2025.json` or `2025.csv`: the year, and the open-data file asked for (none: the JSON for the pages). */
const YearFileParam = z
  .string()
  .min(4)
  .max(9)
  .regex(/^\d{4}(\.(csv|json))?$/, 'A year (2025), or a year with .csv or .json (2025.csv)')
  .openapi({ param: { name: 'year', in: 'path' }, example: '2025.csv' });

const CategoryQuery = z.object({
  category: z.string().min(1).max(LIMIT.code).optional().openapi({ example: 'KEMENTERIAN' }),
});

const commissionsRoute = createRoute({
  method: 'get',
  path: '/public/commissions',
  operationId: 'listPublicCommissions',
  tags,
  security: ANONYMOUS,
  summary: 'Commissions with published results, and their published years (no login)',
  responses: { 200: jsonContent(PublicCommissionsSchema, 'Commissions and years'), ...problems() },
});

const resultsRoute = createRoute({
  method: 'get',
  path: '/public/commissions/{code}/results/{year}',
  operationId: 'getPublicResults',
  tags,
  security: ANONYMOUS,
  summary:
    'The latest published version of a year’s results (no login). `2025` or `2025.json`: JSON (the .json file as a ' +
    'download); `2025.csv`: open-data CSV, one line per body, header `rank,bodyName,categoryCode,<component ' +
    'keys>,final,band,decreeNumber,decreeDate,version,example`. 404 when nothing is published',
  request: { params: z.object({ code: CodeParam, year: YearFileParam }), query: CategoryQuery },
  responses: {
    200: {
      description: 'The published results',
      content: {
        'application/json': { schema: PublicResultsSchema },
        'text/csv': { schema: z.string() },
      },
    },
    ...problems(404),
  },
});

const methodologyRoute = createRoute({
  method: 'get',
  path: '/public/commissions/{code}/results/{year}/methodology',
  operationId: 'getPublicMethodology',
  tags,
  security: ANONYMOUS,
  summary: 'How a published year was scored: components, gate, bands, and the indicator weights per category',
  request: { params: z.object({ code: CodeParam, year: YearParam }) },
  responses: { 200: jsonContent(PublicMethodologySchema, 'The methodology'), ...problems(404) },
});

const bodyHistoryRoute = createRoute({
  method: 'get',
  path: '/public/bodies/{bid}/history',
  operationId: 'getPublicBodyHistory',
  tags,
  security: ANONYMOUS,
  summary: 'A body’s published results across years (the latest version of each; no login)',
  request: { params: z.object({ bid: IdParam('bid') }) },
  responses: { 200: jsonContent(PublicBodyHistorySchema, 'The body’s years'), ...problems(404) },
});

const certificateRoute = createRoute({
  method: 'get',
  path: '/public/certificates/{code}',
  operationId: 'checkPublicCertificate',
  tags,
  security: ANONYMOUS,
  summary: 'Checks a certificate by the code on it (valid, or revoked and what replaced it); 404 for an unknown code',
  request: {
    params: z.object({
      code: z
        .string()
        .min(1)
        .max(LIMIT.id)
        .openapi({ param: { name: 'code', in: 'path' }, example: 'K7Q2M4XH3N5P8R2T6V9W' }),
    }),
  },
  responses: { 200: jsonContent(PublicCertificateSchema, 'The certificate'), ...problems(404) },
});

/** The year and the file asked for in `2025`, `2025.json`, `2025.csv`. */
function yearFile(param: string): { year: number; file: 'csv' | 'json' | null } {
  const [year, extension] = param.split('.');
  return { year: Number(year), file: extension === 'csv' || extension === 'json' ? extension : null };
}

function attachment(c: AppContext, name: string) {
  c.header('Content-Disposition', `attachment; filename="${name}"`);
}

export const publicRoutes = createRouter()
  .openapi(commissionsRoute, async (c) => {
    const commissions = await service.publicCommissions(c.get('deps'));
    return c.json({ commissions }, 200, PUBLIC_HEADERS);
  })
  .openapi(resultsRoute, async (c) => {
    const { code, year: param } = c.req.valid('param');
    const { category } = c.req.valid('query');
    const { year, file } = yearFile(param);
    const results = await service.publicResults(c.get('deps'), code, year, { category });
    if (file) attachment(c, service.downloadName(results, file, category));
    if (file === 'csv') {
      return c.body(service.resultsCsv(results), 200, {
        ...PUBLIC_HEADERS,
        'Content-Type': 'text/csv; charset=utf-8',
      }) as never;
    }
    return c.json(results, 200, PUBLIC_HEADERS);
  })
  .openapi(methodologyRoute, async (c) => {
    const { code, year } = c.req.valid('param');
    return c.json(await service.publicMethodology(c.get('deps'), code, year), 200, PUBLIC_HEADERS);
  })
  .openapi(bodyHistoryRoute, async (c) => {
    return c.json(await service.publicBodyHistory(c.get('deps'), c.req.valid('param').bid), 200, PUBLIC_HEADERS);
  })
  .openapi(certificateRoute, async (c) => {
    return c.json(await service.publicCertificate(c.get('deps'), c.req.valid('param').code), 200, PUBLIC_HEADERS);
  });
