import { type RawBuilder, sql } from 'kysely';

/**
 * A value for a jsonb column that both drivers store alike. postgres.js serialises a string parameter typed jsonb as a
 * JSON string (double encoding) while PGlite parses it; sending text and casting in SQL gives one behaviour.
 */
export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`cast(${JSON.stringify(value)} as text)::jsonb`;
}
