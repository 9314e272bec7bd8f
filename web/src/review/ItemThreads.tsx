/**
 * The clarifications and objections of one item (question) of a submission, with the actions the viewer may take:
 * staff ask and decide, the body answers and objects. Embedded in the verification screen and the body's review page.
 * Owned by the clarifications and objections work.
 */
export interface ItemThreadsProps {
  submissionId: string;
  questionCode: string;
  viewer: 'staff' | 'body';
}

export function ItemThreads(_props: ItemThreadsProps) {
  return null;
}
