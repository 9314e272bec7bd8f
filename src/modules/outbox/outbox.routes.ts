import { createRouter } from '../../http/router.ts';

export const outboxRoutes = createRouter();
