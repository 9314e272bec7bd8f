import { createRouter } from '../../http/router.ts';

export const assignmentsRoutes = createRouter();
