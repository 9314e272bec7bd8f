/** What the router hands every page: the decoded parameters of its path pattern (`/c/:cid/...` -> `{ cid }`). */
export type PageProps = { params: Record<string, string> };
