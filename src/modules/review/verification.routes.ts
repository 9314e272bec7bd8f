import { createRouter } from '../../http/router.ts';

export const verificationRoutes = createRouter();
