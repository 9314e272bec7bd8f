import type { Db } from '../../db/database.ts';
import type { LinkProbe } from '../../lib/link-probe.ts';
import type { Logger } from '../../lib/logger.ts';
import * as repo from './link-check.repository.ts';

/**
 * Checks evidence links in the background (never on the save path): records each link's HTTP status, or why it
 * could not be reached, for the evaluator. Returns how many links were checked.
 */
export async function checkDueLinks(
  db: Db,
  probe: LinkProbe,
  logger: Logger,
  limit = 20,
  now = new Date(),
): Promise<number> {
  const due = await repo.dueLinks(db, limit, new Date(now.getTime() - 24 * 3600_000));
  for (const { url } of due) {
    const result = await probe(url);
    await repo.recordLinkCheck(db, url, result);
    logger.debug('link.checked', { status: result.status, error: result.error });
  }
  return due.length;
}
