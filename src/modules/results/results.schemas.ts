import { z } from '@hono/zod-openapi';
import { MethodologySchema } from '../periods/periods.schemas.ts';

const OutcomeSchema = z.object({ final: z.number(), band: z.string(), rank: z.number().int() });

export const WhatIfRequestSchema = z.object({ methodology: MethodologySchema });

export const WhatIfRowSchema = z.object({
  bodyId: z.string(),
  bodyName: z.string(),
  categoryCode: z.string(),
  current: OutcomeSchema,
  proposed: OutcomeSchema,
});

export const WhatIfResultSchema = z.object({ rows: z.array(WhatIfRowSchema) });

// The types the web client takes from these contracts (web/src/api.ts imports them type-only).
export type Outcome = z.infer<typeof OutcomeSchema>;
export type WhatIfInput = z.input<typeof WhatIfRequestSchema>;
export type WhatIfRow = z.infer<typeof WhatIfRowSchema>;
export type WhatIfResult = z.infer<typeof WhatIfResultSchema>;
