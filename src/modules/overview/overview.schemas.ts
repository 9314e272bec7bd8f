import { z } from '@hono/zod-openapi';
import { LIMIT } from '../../http/openapi.ts';

export const OverviewSchema = z
  .object({
    periods: z.array(
      z.object({
        id: z.string().max(LIMIT.id),
        year: z.number().int(),
        title: z.string(),
        stage: z.string().max(LIMIT.code),
        // the schedule's last day of the current stage (YYYY-MM-DD, Jakarta), and the days left to it
        stageEnd: z.string().nullable(),
        daysLeft: z.number().int().nullable(),
        counts: z.object({
          notStarted: z.number().int(),
          inProgress: z.number().int(),
          submitted: z.number().int(),
          extended: z.number().int(),
          locked: z.number().int(),
        }),
      }),
    ),
  })
  .openapi('CommissionOverview');

export const RemindersSchema = z
  .object({
    // none: every body that has not opened the SAQ
    bodyIds: z.array(z.string().min(1).max(LIMIT.id)).min(1).max(10_000).optional(),
  })
  .openapi('SendReminders');

export const RemindersResultSchema = z
  .object({ queued: z.number().int(), skipped: z.number().int() })
  .openapi('RemindersResult');

export type CommissionOverview = z.infer<typeof OverviewSchema>;
export type RemindersResult = z.infer<typeof RemindersResultSchema>;
