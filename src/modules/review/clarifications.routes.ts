import { createRouter } from '../../http/router.ts';

export const clarificationsRoutes = createRouter();
