/**
 * Links from the bot's cards to the tab's page for the same thing: a Teams deep link to the app's personal
 * tab, whose sub-page names the page and the group (the tab reads it and opens that page), with the tab's
 * own address as the fallback Teams opens outside its clients.
 */
export type TabPage = 'risks' | 'decisions' | 'attendance' | `risks/${string}`;

export interface TabLinks {
  to(groupId: string, page: TabPage): string;
  /** The meeting page (`/tab/meeting`) of one of the group's meetings. */
  toMeeting(groupId: string, meetingId: string): string;
  /** The Transcript page (`/tab/transcript`) of a meeting. */
  toTranscript(meetingId: string): string;
}

/** The personal tab's entityId in appPackage/manifest.json. */
export const HOME_TAB_ENTITY_ID = 'radslag-home';

export function teamsTabLinks(teamsAppId: string, publicBaseUrl: string): TabLinks {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const link = (subEntityId: string): string => {
    const query = new URLSearchParams({ webUrl: `${base}/tab/${subEntityId}`, label: 'Rådslag', context: JSON.stringify({ subEntityId }) });
    return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${HOME_TAB_ENTITY_ID}?${query.toString()}`;
  };
  return {
    to: (groupId, page) => link(`${page}?group=${encodeURIComponent(groupId)}`),
    toMeeting: (groupId, meetingId) => link(`meeting?group=${encodeURIComponent(groupId)}&meeting=${encodeURIComponent(meetingId)}`),
    toTranscript: (meetingId) => link(`transcript?meeting=${encodeURIComponent(meetingId)}`),
  };
}
