/**
 * The public (no login) side of results (issue 23; API.md "Results"): published results by commission and year, the
 * open-data downloads, a body's history across years, the methodology summary, and certificate verification. Only
 * published versions are ever read here; anything unpublished is a 404.
 */
import { z } from '@hono/zod-openapi';
import { ResultRowSchema } from './results.schemas.ts';

export const PublicCommissionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    province: z.string().nullable(),
    /** Years with published results, newest first. */
    years: z.array(z.number().int()),
  })
  .openapi('PublicCommission');
export const PublicCommissionsSchema = z.object({ commissions: z.array(PublicCommissionSchema) });

export const PublicResultsSchema = z
  .object({
    commission: z.object({ code: z.string(), name: z.string() }),
    year: z.number().int(),
    title: z.string(),
    /** The latest published version, its decree and when it was published. */
    version: z.number().int(),
    decreeNumber: z.string(),
    decreeDate: z.string(),
    publishedAt: z.string(),
    /** Generated figures (the demo's years without published ones): shown as examples. */
    example: z.boolean(),
    source: z.enum(['computed', 'imported']),
    decimals: z.number().int(),
    components: z.array(z.object({ key: z.string(), label: z.string(), weight: z.number() })),
    bands: z.array(z.object({ label: z.string(), min: z.number() })),
    categories: z.array(z.object({ code: z.string(), name: z.string() })),
    rows: z.array(ResultRowSchema),
  })
  .openapi('PublicResults');

export const PublicMethodologySchema = z
  .object({
    commission: z.object({ code: z.string(), name: z.string() }),
    year: z.number().int(),
    version: z.number().int(),
    decimals: z.number().int(),
    components: z.array(
      z.object({ key: z.string(), label: z.string(), weight: z.number(), source: z.enum(['questionnaire', 'panel']) }),
    ),
    gate: z
      .object({ component: z.string(), min: z.number(), below: z.enum(['weighted', 'questionnaire_only']) })
      .nullable(),
    bands: z.array(z.object({ label: z.string(), min: z.number(), certificate: z.boolean() })),
    /** Indicator weights per category (empty for an imported year: no questionnaire). */
    questionnaires: z.array(
      z.object({
        categoryCode: z.string(),
        categoryName: z.string(),
        indicators: z.array(
          z.object({ code: z.string(), title: z.string(), weight: z.number(), questions: z.number().int() }),
        ),
      }),
    ),
  })
  .openapi('PublicMethodology');

export const PublicBodyHistorySchema = z
  .object({
    body: z.object({ id: z.string(), name: z.string(), categoryCode: z.string(), province: z.string().nullable() }),
    commission: z.object({ code: z.string(), name: z.string() }),
    /** One row per published year (latest version of each), oldest first. */
    years: z.array(
      z.object({
        year: z.number().int(),
        version: z.number().int(),
        decreeNumber: z.string(),
        categoryCode: z.string(),
        final: z.number(),
        band: z.string(),
        rank: z.number().int(),
        /** Bodies ranked in the category that year. */
        of: z.number().int(),
        example: z.boolean(),
        /** The decimals of that year's methodology (the final is shown with them). */
        decimals: z.number().int(),
      }),
    ),
  })
  .openapi('PublicBodyHistory');

export const PublicCertificateSchema = z
  .object({
    valid: z.boolean(),
    revoked: z.boolean(),
    replacedBy: z.string().optional(),
    bodyName: z.string(),
    band: z.string(),
    final: z.number(),
    year: z.number().int(),
    commission: z.string(),
    // the body's category in the certifying version (null only for a row that no longer exists)
    category: z.object({ code: z.string(), name: z.string() }).nullable(),
    decreeNumber: z.string(),
    // YYYY-MM-DD, as the certificate prints it
    decreeDate: z.string(),
    // the methodology's decimals: the final is shown as the certificate shows it
    decimals: z.number().int(),
    version: z.number().int(),
    issuedAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('PublicCertificate');

export const HistoryImportResultSchema = z.object({
  imported: z.number().int(),
  /** Always empty on success (a file with any bad line imports nothing: 422 with every bad line). */
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
  /** Per year: the period created, rows ranked, bodies added to the registry. */
  years: z.array(
    z.object({ year: z.number().int(), periodId: z.string(), rows: z.number().int(), bodiesAdded: z.number().int() }),
  ),
});

export type PublicCommission = z.infer<typeof PublicCommissionSchema>;
export type PublicResults = z.infer<typeof PublicResultsSchema>;
export type PublicMethodology = z.infer<typeof PublicMethodologySchema>;
export type PublicBodyHistory = z.infer<typeof PublicBodyHistorySchema>;
export type PublicCertificate = z.infer<typeof PublicCertificateSchema>;
export type HistoryImportResult = z.infer<typeof HistoryImportResultSchema>;
