import { createRouter } from '../../http/router.ts';

export const reportPdfRoutes = createRouter();
