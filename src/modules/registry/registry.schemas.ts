import { z } from '@hono/zod-openapi';
import { COMMISSION_ROLES } from '../../domain/access.ts';
import { LIMIT } from '../../http/openapi.ts';

const code = z
  .string()
  .trim()
  .min(1)
  .max(LIMIT.code)
  .regex(/^[A-Z0-9_-]+$/, 'Use capital letters, digits, - and _');

export const CommissionSchema = z
  .object({
    id: z.string().max(LIMIT.id),
    code: z.string().max(LIMIT.code),
    name: z.string().max(LIMIT.name),
    province: z.string().max(LIMIT.province).nullable(),
    createdAt: z.string(),
  })
  .openapi('Commission');

export const CreateCommissionSchema = z
  .object({
    code,
    name: z.string().trim().min(3).max(LIMIT.name),
    province: z.string().trim().min(1).max(LIMIT.province).optional(),
  })
  .openapi('CreateCommission');

export const CategorySchema = z
  .object({
    id: z.string().max(LIMIT.id),
    code: z.string().max(LIMIT.code),
    name: z.string().max(LIMIT.name),
    // added for category management (issue 25): when it was retired (null: in use) and how many bodies it has
    retiredAt: z.string().nullable().optional(),
    bodyCount: z.number().int().optional(),
    // counts up on every change; send it as If-Match with a rename (0013)
    version: z.number().int().optional(),
  })
  .openapi('Category');

const categoryName = z.string().trim().min(2).max(LIMIT.name);

export const CreateCategorySchema = z.object({ code, name: categoryName }).openapi('CreateCategory');

export const CategoryListQuerySchema = z.object({
  retired: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'true: retired categories too (kept for the history of earlier periods)' }),
});

export const RenameCategorySchema = z.object({ name: categoryName }).openapi('RenameCategory');

export const RetiredCategorySchema = z
  .object({
    // deleted: nothing referred to it; retired: a questionnaire does, so it is kept for history and hidden from choices
    outcome: z.enum(['deleted', 'retired']),
    category: CategorySchema,
  })
  .openapi('RetiredCategory');

export const ApplyCategoryPresetSchema = z
  .object({ key: z.string().trim().min(1).max(LIMIT.code) })
  .openapi('ApplyCategoryPreset');

export const CategoryPresetResultSchema = z
  .object({
    created: z.array(z.string().max(LIMIT.code)),
    restored: z.array(z.string().max(LIMIT.code)),
    skipped: z.array(z.string().max(LIMIT.code)),
    categories: z.array(CategorySchema),
  })
  .openapi('CategoryPresetResult');

export const CategoryPresetInfoSchema = z
  .object({
    key: z.string().max(LIMIT.code),
    name: z.string().max(LIMIT.name),
    categories: z.array(z.object({ code: z.string().max(LIMIT.code), name: z.string().max(LIMIT.name) })),
  })
  .openapi('CategoryPreset');

export const httpUrl = z
  .string()
  .trim()
  .max(LIMIT.url)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'Must be an http(s) address');

export const email = z.string().trim().toLowerCase().max(LIMIT.email).pipe(z.email('Must be an e-mail address'));

export const BodySchema = z
  .object({
    id: z.string().max(LIMIT.id),
    commissionId: z.string().max(LIMIT.id),
    categoryCode: z.string().max(LIMIT.code),
    categoryName: z.string().max(LIMIT.name),
    name: z.string().max(LIMIT.bodyName),
    // the name folded to a-z, 0-9 and '-': never longer than the name
    slug: z.string().max(LIMIT.bodyName),
    province: z.string().max(LIMIT.province).nullable(),
    website: z.string().max(LIMIT.url).nullable(),
    ppidEmail: z.string().max(LIMIT.email).nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Body');

export const CreateBodySchema = z
  .object({
    name: z.string().trim().min(2).max(LIMIT.bodyName),
    categoryCode: code,
    province: z.string().trim().min(1).max(LIMIT.province).optional(),
    website: httpUrl.optional(),
    ppidEmail: email.optional(),
  })
  .openapi('CreateBody');

export const UpdateBodySchema = z
  .object({
    name: z.string().trim().min(2).max(LIMIT.bodyName),
    categoryCode: code,
    province: z.string().trim().min(1).max(LIMIT.province).nullable(),
    website: httpUrl.nullable(),
    ppidEmail: email.nullable(),
  })
  .partial()
  .openapi('UpdateBody');

export const BodyListQuerySchema = z.object({
  category: z.string().max(LIMIT.code).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ImportResultSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    // the bodies this import created, so that their PPID operators can be invited in one step
    createdBodies: z
      .array(
        z.object({
          id: z.string().max(LIMIT.id),
          name: z.string().max(LIMIT.bodyName),
          ppidEmail: z.string().max(LIMIT.email).nullable(),
        }),
      )
      .optional(),
  })
  .openapi('ImportResult');

export const InviteBodyOperatorsSchema = z
  .object({ bodyIds: z.array(z.string().min(1).max(LIMIT.id)).min(1).max(1000) })
  .openapi('InviteBodyOperators');

export const BodyInvitationsResultSchema = z
  .object({
    invited: z.array(
      z.object({
        bodyId: z.string().max(LIMIT.id),
        bodyName: z.string().max(LIMIT.bodyName),
        email: z.string().max(LIMIT.email),
        expiresAt: z.string(),
      }),
    ),
    skipped: z.array(
      z.object({
        bodyId: z.string().max(LIMIT.id),
        bodyName: z.string().max(LIMIT.bodyName),
        reason: z.enum(['no_email', 'already_operator', 'already_invited']),
      }),
    ),
  })
  .openapi('BodyInvitationsResult');

export const InviteUserSchema = z
  .object({
    email,
    name: z.string().trim().min(2).max(LIMIT.name),
    role: z.enum(COMMISSION_ROLES),
    bodyId: z.string().min(1).max(LIMIT.id).optional(),
    /** Confirms a conflict of interest (PPID operator and evaluator of one commission), with the reason kept. */
    conflictReason: z.string().trim().min(5).max(1000).optional(),
  })
  .openapi('InviteUser');

export const InvitationSchema = z
  .object({ id: z.string().max(LIMIT.id), token: z.string(), url: z.string(), expiresAt: z.string() })
  .openapi('InvitationLink');

export const CommissionUserSchema = z
  .object({
    id: z.string().max(LIMIT.id),
    email: z.string().max(LIMIT.email),
    name: z.string().max(LIMIT.name),
    active: z.boolean(),
    /** Deactivated: cannot sign in; reactivation restores the account with its roles. */
    disabled: z.boolean(),
    /** Holds roles outside this commission: only the platform admin may deactivate the account. */
    rolesElsewhere: z.boolean(),
    roles: z.array(
      z.object({
        role: z.string().max(LIMIT.code),
        membershipId: z.string().max(LIMIT.id),
        bodyId: z.string().max(LIMIT.id).optional(),
        bodyName: z.string().max(LIMIT.bodyName).optional(),
        conflictReason: z.string().max(1000).optional(),
      }),
    ),
  })
  .openapi('CommissionUser');

export const InvitationRowSchema = z
  .object({
    id: z.string().max(LIMIT.id),
    email: z.string().max(LIMIT.email),
    name: z.string().max(LIMIT.name),
    role: z.string().max(LIMIT.code),
    bodyId: z.string().max(LIMIT.id).nullable(),
    bodyName: z.string().max(LIMIT.bodyName).nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    usedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    conflictReason: z.string().max(1000).nullable(),
    status: z.enum(['pending', 'accepted', 'expired', 'cancelled']),
  })
  .openapi('Invitation');

export const AccountStateSchema = z
  .object({
    id: z.string().max(LIMIT.id),
    email: z.string().max(LIMIT.email),
    name: z.string().max(LIMIT.name),
    active: z.boolean(),
  })
  .openapi('AccountState');

export const InvitedSchema = z.object({
  user: z.object({
    id: z.string().max(LIMIT.id),
    email: z.string().max(LIMIT.email),
    name: z.string().max(LIMIT.name),
    roles: z.array(
      z.object({
        role: z.string().max(LIMIT.code),
        commissionId: z.string().max(LIMIT.id),
        bodyId: z.string().max(LIMIT.id).optional(),
      }),
    ),
  }),
  invitation: InvitationSchema,
});

// The types the web client takes from these contracts (web/src/api.ts imports them type-only).
export type Commission = z.infer<typeof CommissionSchema>;
export type CommissionInput = z.input<typeof CreateCommissionSchema>;
export type Category = z.infer<typeof CategorySchema>;
export type RetiredCategory = z.infer<typeof RetiredCategorySchema>;
export type CategoryPresetResult = z.infer<typeof CategoryPresetResultSchema>;
export type CategoryPresetInfo = z.infer<typeof CategoryPresetInfoSchema>;
export type BodyInvitationsResult = z.infer<typeof BodyInvitationsResultSchema>;
export type Body = z.infer<typeof BodySchema>;
export type BodyInput = z.input<typeof CreateBodySchema>;
export type BodyPatch = z.input<typeof UpdateBodySchema>;
/** The query as a client writes it: every parameter may be left out (the limits' coercion makes z.input unknown). */
export type BodyListQuery = Partial<z.infer<typeof BodyListQuerySchema>>;
export type ImportResult = z.infer<typeof ImportResultSchema>;
export type InviteInput = z.input<typeof InviteUserSchema>;
export type InvitationLink = z.infer<typeof InvitationSchema>;
export type Invited = z.infer<typeof InvitedSchema>;
export type CommissionUser = z.infer<typeof CommissionUserSchema>;
export type InvitationRow = z.infer<typeof InvitationRowSchema>;
export type AccountState = z.infer<typeof AccountStateSchema>;
