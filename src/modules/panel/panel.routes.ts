import { createRouter } from '../../http/router.ts';

export const panelRoutes = createRouter();
