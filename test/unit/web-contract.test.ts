import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { InvitationInfoSchema, UserEnvelopeSchema } from '../../src/modules/auth/auth.schemas.ts';
import type { PeriodSchema, UpdatePeriodSchema } from '../../src/modules/periods/periods.schemas.ts';
import type { BodySchema, CreateBodySchema } from '../../src/modules/registry/registry.schemas.ts';
import type { WhatIfResultSchema } from '../../src/modules/results/results.schemas.ts';
import {
  type HistoryEntrySchema,
  SaveAnswersResultSchema,
  SaveAnswersSchema,
  type SubmissionListSchema,
  type SubmissionSchema,
} from '../../src/modules/submissions/submissions.schemas.ts';
import type { api } from '../../web/src/api.ts';
import { toInput } from '../../web/src/saq/autosave.ts';

/**
 * The web client's wrappers are typed by the server's route schemas. The expectTypeOf lines are checked by
 * `npm run typecheck` (tsc covers test/ and web/): a wrapper typed by hand, or a schema changed without the web
 * following, fails there, before any browser runs.
 */
describe('the web contract', () => {
  it('types each wrapper by the schema of its route', () => {
    type Resolved<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
    expectTypeOf<Resolved<typeof api.me>>().toEqualTypeOf<z.infer<typeof UserEnvelopeSchema>>();
    expectTypeOf<Resolved<typeof api.invitation>>().toEqualTypeOf<z.infer<typeof InvitationInfoSchema>>();
    expectTypeOf<Resolved<typeof api.body>>().toEqualTypeOf<{ body: z.infer<typeof BodySchema> }>();
    expectTypeOf<Parameters<typeof api.createBody>[1]>().toEqualTypeOf<z.input<typeof CreateBodySchema>>();
    expectTypeOf<Resolved<typeof api.period>>().toEqualTypeOf<{ period: z.infer<typeof PeriodSchema> }>();
    expectTypeOf<Parameters<typeof api.updatePeriod>[2]>().toEqualTypeOf<z.input<typeof UpdatePeriodSchema>>();
    expectTypeOf<Resolved<typeof api.whatIf>>().toEqualTypeOf<z.infer<typeof WhatIfResultSchema>>();
    expectTypeOf<Resolved<typeof api.submission>>().toEqualTypeOf<{
      submission: z.infer<typeof SubmissionSchema>;
    }>();
    expectTypeOf<Resolved<typeof api.submissions>>().toEqualTypeOf<z.infer<typeof SubmissionListSchema>>();
    expectTypeOf<Parameters<typeof api.saveAnswers>[2]>().toEqualTypeOf<z.input<typeof SaveAnswersSchema>['answers']>();
    expectTypeOf<Resolved<typeof api.saveAnswers>>().toEqualTypeOf<z.infer<typeof SaveAnswersResultSchema>>();
    expectTypeOf<Resolved<typeof api.history>>().toEqualTypeOf<{ history: z.infer<typeof HistoryEntrySchema>[] }>();
  });

  it('sends answers the server’s one answer schema accepts', () => {
    const answers = [
      toInput('q1', { value: true, note: '  ', evidence: [{ url: 'https://ppid.example.go.id/dip' }], base: 0 }),
      toInput('q2', {
        value: ['a', 'b'],
        note: 'Lihat lampiran',
        evidence: [{ fileId: 'f1', name: 'sk.pdf', size: 10, contentType: 'application/pdf' }],
        base: 3,
      }),
      toInput('q3', { value: null, note: null, evidence: [], base: 2 }),
    ];
    const parsed = SaveAnswersSchema.parse({ answers });
    expect(parsed.answers).toEqual([
      { questionCode: 'q1', value: true, note: null, evidence: [{ url: 'https://ppid.example.go.id/dip' }] },
      { questionCode: 'q2', value: ['a', 'b'], note: 'Lihat lampiran', evidence: [{ fileId: 'f1' }] },
      { questionCode: 'q3', value: null, note: null, evidence: [] },
    ]);
    // what the server answers is what the web reads
    expect(SaveAnswersResultSchema.safeParse({ version: 4, scores: { self: 1, indicators: [] } }).success).toBe(true);
  });
});
