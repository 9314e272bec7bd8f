import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === '1' || v === 'true'));

/** The environment, validated once at start. The only file that reads process.env. */
export const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DEMO: flag,
    TRUST_PROXY: flag,
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    UPLOAD_LIMIT_MB: z.coerce.number().positive().max(1024).default(20),
    SESSION_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(5),
    S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    S3_BUCKET: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).default('auto'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** Mail goes out over SMTP when set (smtp://user:pass@host:587, smtps://... for TLS from the start); else to the log. */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    /** The sender of every mail: an address, or `Name <address>`. */
    MAIL_FROM: z
      .string()
      .trim()
      .min(3)
      .max(320)
      .regex(/^[^\r\n]*@[^\r\n]*$/, 'MAIL_FROM must be an e-mail address, optionally as "Name <address>"')
      .default('Informatif <no-reply@localhost>'),
  })
  .superRefine((env, ctx) => {
    if (env.S3_ENDPOINT) {
      for (const key of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required with S3_ENDPOINT` });
      }
    }
    if (env.DATABASE_URL && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'SESSION_SECRET is required with DATABASE_URL',
      });
    }
  })
  .transform((env) => ({
    ...env,
    PUBLIC_URL: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    /** PUBLIC_URL was not given: the server is tried on this machine, where each loopback name of the port is it too. */
    PUBLIC_URL_DEFAULTED: env.PUBLIC_URL === undefined,
    // demo data is seeded by default only in the embedded mode
    DEMO: env.DEMO ?? !env.DATABASE_URL,
  }));

export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment; on failure throws one error that lists every bad variable (never their values). */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Variables the test suites read: which database to run on. */
export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** The bindings of the Workers deployment (wrangler.toml), validated the same way. */
export const WorkerEnvSchema = z.object({
  HYPERDRIVE: z.object({ connectionString: z.string().min(1) }),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});
export type WorkerEnv = z.infer<typeof WorkerEnvSchema>;
