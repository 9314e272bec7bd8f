/** A timestamp as the API shows it (ISO 8601, UTC), from a Date or a driver's timestamp string. */
export const iso = (d: Date | string): string => new Date(d).toISOString();
