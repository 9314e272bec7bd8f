/** A rule broken by some input, with where (a dotted path) and why; services turn a list of these into a 422. */
export interface Issue {
  path: string;
  message: string;
}
