import type { PersonRef } from './person';
import { requiredText } from './text';

/** A note ("anteckning") taken during a meeting, against the agenda item in progress. */
export interface Note {
  id: string;
  tenantId: string;
  meetingId: string;
  /** The agenda item in progress when it was taken. */
  agendaItem?: number;
  text: string;
  recordedBy: PersonRef;
  recordedAt: string;
}

export function noteText(raw: string | undefined): string {
  return requiredText('note', raw);
}

/**
 * A note's text as the minutes lay it out. A small, safe subset and nothing more: a line starting with
 * `# ` is a sub-heading, lines starting with `- ` or `* ` are the items of a bulleted list, and the other
 * lines make paragraphs (a blank line ends one, not a list; a line break inside one is kept). Every other character,
 * `##`, `1.`, `>`, HTML or a link included, is text, which each format shows as typed.
 */
export type NoteBlock = { kind: 'heading'; text: string } | { kind: 'list'; items: string[] } | { kind: 'paragraph'; text: string };

const SUB_HEADING = /^#[ \t]+(\S.*)$/;
const BULLET = /^[-*][ \t]+(\S.*)$/;

export function noteBlocks(text: string): NoteBlock[] {
  const blocks: NoteBlock[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join('\n') });
    if (list.length > 0) blocks.push({ kind: 'list', items: list });
    paragraph = [];
    list = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = SUB_HEADING.exec(line);
    const item = BULLET.exec(line);
    // A blank line ends a paragraph; a list goes on to the next bullet.
    if (line === '') {
      if (paragraph.length > 0) flush();
    } else if (heading) {
      flush();
      blocks.push({ kind: 'heading', text: heading[1]!.trim() });
    } else if (item) {
      if (paragraph.length > 0) flush();
      list.push(item[1]!.trim());
    } else {
      if (list.length > 0) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}
