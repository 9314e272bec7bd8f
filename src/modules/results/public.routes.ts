import { createRouter } from '../../http/router.ts';

// SKELETON (issue 23): routes land here.
export const publicRoutes = createRouter();
