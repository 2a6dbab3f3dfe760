/** The Transcript page of a meeting, keeping the page's group, theme and language. */
import { queryWith } from '../../router';

export function transcriptHref(meetingId: string): string {
  const query = queryWith();
  return `${import.meta.env.BASE_URL}transcript${query}${query ? '&' : '?'}meeting=${encodeURIComponent(meetingId)}`;
}
