// SKELETON (issue 23): `npm run bench -- results` lands here.
export async function results(_quick: boolean): Promise<void> {
  throw new Error('not yet');
}
