import { z } from '@hono/zod-openapi';
import { COMMISSION_ROLES } from '../../domain/access.ts';

/** Limits shared by requests and answers: what a request may store is what an answer may hold. */
const ID = 100;
const CODE = 40;
const NAME = 200;
const BODY_NAME = 300;
const PROVINCE = 100;
const URL_LENGTH = 500;
const EMAIL = 254;

const code = z
  .string()
  .trim()
  .min(1)
  .max(CODE)
  .regex(/^[A-Z0-9_-]+$/, 'Use capital letters, digits, - and _');

export const CommissionSchema = z
  .object({
    id: z.string().max(ID),
    code: z.string().max(CODE),
    name: z.string().max(NAME),
    province: z.string().max(PROVINCE).nullable(),
    createdAt: z.string(),
  })
  .openapi('Commission');

export const CreateCommissionSchema = z
  .object({
    code,
    name: z.string().trim().min(3).max(NAME),
    province: z.string().trim().min(1).max(PROVINCE).optional(),
  })
  .openapi('CreateCommission');

export const CategorySchema = z
  .object({ id: z.string().max(ID), code: z.string().max(CODE), name: z.string().max(NAME) })
  .openapi('Category');

export const CreateCategorySchema = z
  .object({ code, name: z.string().trim().min(2).max(NAME) })
  .openapi('CreateCategory');

export const httpUrl = z
  .string()
  .trim()
  .max(URL_LENGTH)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'Must be an http(s) address');

export const email = z.string().trim().toLowerCase().max(EMAIL).pipe(z.email('Must be an e-mail address'));

export const BodySchema = z
  .object({
    id: z.string().max(ID),
    commissionId: z.string().max(ID),
    categoryCode: z.string().max(CODE),
    categoryName: z.string().max(NAME),
    name: z.string().max(BODY_NAME),
    // the name folded to a-z, 0-9 and '-': never longer than the name
    slug: z.string().max(BODY_NAME),
    province: z.string().max(PROVINCE).nullable(),
    website: z.string().max(URL_LENGTH).nullable(),
    ppidEmail: z.string().max(EMAIL).nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Body');

export const CreateBodySchema = z
  .object({
    name: z.string().trim().min(2).max(BODY_NAME),
    categoryCode: code,
    province: z.string().trim().min(1).max(PROVINCE).optional(),
    website: httpUrl.optional(),
    ppidEmail: email.optional(),
  })
  .openapi('CreateBody');

export const UpdateBodySchema = z
  .object({
    name: z.string().trim().min(2).max(BODY_NAME),
    categoryCode: code,
    province: z.string().trim().min(1).max(PROVINCE).nullable(),
    website: httpUrl.nullable(),
    ppidEmail: email.nullable(),
  })
  .partial()
  .openapi('UpdateBody');

export const BodyListQuerySchema = z.object({
  category: z.string().max(CODE).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ImportResultSchema = z
  .object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
  .openapi('ImportResult');

export const InviteUserSchema = z
  .object({
    email,
    name: z.string().trim().min(2).max(NAME),
    role: z.enum(COMMISSION_ROLES),
    bodyId: z.string().min(1).max(ID).optional(),
  })
  .openapi('InviteUser');

export const InvitationSchema = z
  .object({ token: z.string(), url: z.string(), expiresAt: z.string() })
  .openapi('InvitationLink');

export const CommissionUserSchema = z
  .object({
    id: z.string().max(ID),
    email: z.string().max(EMAIL),
    name: z.string().max(NAME),
    active: z.boolean(),
    roles: z.array(
      z.object({
        role: z.string().max(CODE),
        bodyId: z.string().max(ID).optional(),
        bodyName: z.string().max(BODY_NAME).optional(),
      }),
    ),
  })
  .openapi('CommissionUser');

export const InvitationRowSchema = z
  .object({
    id: z.string().max(ID),
    email: z.string().max(EMAIL),
    name: z.string().max(NAME),
    role: z.string().max(CODE),
    bodyId: z.string().max(ID).nullable(),
    bodyName: z.string().max(BODY_NAME).nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    usedAt: z.string().nullable(),
    status: z.enum(['pending', 'accepted', 'expired']),
  })
  .openapi('Invitation');

export const InvitedSchema = z.object({
  user: z.object({
    id: z.string().max(ID),
    email: z.string().max(EMAIL),
    name: z.string().max(NAME),
    roles: z.array(
      z.object({ role: z.string().max(CODE), commissionId: z.string().max(ID), bodyId: z.string().max(ID).optional() }),
    ),
  }),
  invitation: InvitationSchema,
});

// The types the web client takes from these contracts (web/src/api.ts imports them type-only).
export type Commission = z.infer<typeof CommissionSchema>;
export type CommissionInput = z.input<typeof CreateCommissionSchema>;
export type Category = z.infer<typeof CategorySchema>;
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
