/** A body's slug: lower case, every run of characters other than a-z and 0-9 turned into one `-`, trimmed of `-`. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A name folded for matching: case and runs of white space ignored. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
