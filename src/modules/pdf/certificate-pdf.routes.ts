import { createRouter } from '../../http/router.ts';

export const certificatePdfRoutes = createRouter();
