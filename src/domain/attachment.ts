/**
 * An attachment ("bilaga") of a meeting: a document with a title and a web address, kept with the agenda
 * item in progress (or the meeting), who added it and when. The minutes list them under "Bilagor" with
 * their dates, as the council's minutes do ("2020-11-30 - Bilaga 1-Presentation av möte").
 */
import { DomainError } from './errors';
import type { PersonRef } from './person';
import { requiredText, wellFormedText } from './text';

/** Where it came from: `/attach`, a file shared in the meeting chat, or imported minutes (which may have no address). */
export type AttachmentOrigin = 'command' | 'chatFile' | 'import';

export interface Attachment {
  id: string;
  tenantId: string;
  meetingId: string;
  agendaItem?: number;
  title: string;
  url?: string;
  origin: AttachmentOrigin;
  addedBy: PersonRef;
  addedAt: string;
}

export const MAX_ATTACHMENT_TITLE = 200;
export const MAX_ATTACHMENT_URL = 2000;

export interface AttachmentDraft {
  title: string;
  url: string;
}

/**
 * An address people can open from the minutes: https only, with a host, no user name or password in it,
 * at most 2000 characters. Anything else is ATTACHMENT.BAD_URL quoting the value.
 */
export function attachmentUrl(raw: string | undefined): string {
  const value = (raw ?? '').trim();
  const refuse = () => new DomainError('ATTACHMENT.BAD_URL', { value: value.slice(0, MAX_ATTACHMENT_URL) });
  if (value.length > MAX_ATTACHMENT_URL || /\s/.test(value) || !URL.canParse(value)) throw refuse();
  const url = new URL(value);
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') throw refuse();
  return value;
}

export function attachmentTitle(raw: string | undefined): string {
  return requiredText('title', (raw ?? '').replace(/\s+/g, ' '), MAX_ATTACHMENT_TITLE);
}

// Teams may send a typed address as a link: `<a href="https://…">https://…</a>`; the address is what was meant.
const ANCHOR = /<a\s[^>]*?href="([^"]*)"[^>]*>[\s\S]*?<\/a>/gi;

/**
 * `/attach <title> <url>`: the address is the last word, the title everything before it. Fewer than two
 * words is ATTACHMENT.BAD_ARGS quoting what was typed; a last word that is not an https address,
 * ATTACHMENT.BAD_URL quoting it.
 */
export function parseAttachArgs(args: string | undefined): AttachmentDraft {
  const typed = wellFormedText(args ?? '')
    .replace(ANCHOR, (_m, href: string) => href.replace(/&amp;/g, '&'))
    .trim();
  const last = typed.split(/\s+/).at(-1) ?? '';
  const title = typed.slice(0, typed.length - last.length).trim();
  if (last === '' || title === '') throw new DomainError('ATTACHMENT.BAD_ARGS', { value: typed.slice(0, 500) });
  return { url: attachmentUrl(last), title: attachmentTitle(title) };
}

/** A shared file's name as an attachment's title: without its extension ("Bilaga 1-Presentation av möte.pptx"). */
export function titleFromFileName(name: string): string {
  const base = name.trim().replace(/\.[A-Za-z0-9]{1,8}$/, '');
  return attachmentTitle(base === '' ? name : base);
}
