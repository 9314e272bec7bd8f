/**
 * Asks whether a link answers: its HTTP status, or why it could not be reached. The interface lives here and the host
 * picks the implementation (Node: `node-link-probe.ts`), as with storage and mail.
 */
export type LinkProbe = (url: string) => Promise<{ status: number | null; error: string | null }>;
