import { createRouter } from '../../http/router.ts';

export const scorecardPdfRoutes = createRouter();
