import { createRouter } from '../../http/router.ts';

export const certificatesZipRoutes = createRouter();
