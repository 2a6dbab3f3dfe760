/**
 * Files shared in a chat message, as Teams delivers them: a `reference` attachment (a message in a group or
 * meeting chat, read with ChatMessage.Read.Chat) or a `application/vnd.microsoft.teams.file.download.info`
 * one (a personal chat). Each names the file and its place in SharePoint or OneDrive (`contentUrl`). The
 * download info's `downloadUrl` is a short-lived, pre-authorised link: it is never kept. Read from the
 * activity alone, before anything is looked up.
 */
import type { Activity } from 'botbuilder';

export interface SharedFile {
  name: string;
  url: string;
}

const FILE_TYPES = new Set(['reference', 'application/vnd.microsoft.teams.file.download.info']);
/** A card offers at most this many files of one message (one Teams message must hold them). */
export const MAX_SHARED_FILES = 8;
const MAX_NAME = 255;
const MAX_URL = 2000;

function httpsUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_URL || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '' ? value : undefined;
}

/** The files a message shares (https places only, each once), or none: then the message is chatter. */
export function sharedFiles(activity: Pick<Activity, 'attachments'>): SharedFile[] {
  const files: SharedFile[] = [];
  for (const a of activity.attachments ?? []) {
    if (!FILE_TYPES.has(a.contentType)) continue;
    const url = httpsUrl(a.contentUrl);
    const name = typeof a.name === 'string' ? a.name.trim().slice(0, MAX_NAME) : '';
    if (!url || name === '' || files.some((f) => f.url === url)) continue;
    files.push({ name, url });
    if (files.length === MAX_SHARED_FILES) break;
  }
  return files;
}
