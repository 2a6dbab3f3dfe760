/**
 * Which agenda item each transcript cue belongs to: the item in progress at the cue's start, an item
 * running from when it actually started to when the next one (in time) started, the last one until the
 * agenda was done (or for good). A cue before the first item is "before", after the agenda "after".
 * Several transcripts of one meeting are joined by time first.
 */
import type { TranscriptCue } from './ports';

export interface AlignedItem {
  /** Undefined for the parts before and after the agenda. */
  number?: number;
  place: 'before' | 'item' | 'after';
  title: string;
  cues: TranscriptCue[];
}

export interface AgendaTimes {
  /** Items in agenda order; `actualStart` only for those that were taken up. */
  items: ReadonlyArray<{ number: number; title: string; actualStart?: string }>;
  /** When `/next` went past the last item (or the meeting ended): the last item's end. */
  doneAt?: string;
}

export function alignCues(cueLists: ReadonlyArray<readonly TranscriptCue[]>, agenda: AgendaTimes): AlignedItem[] {
  const cues = cueLists.flat().sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  const started = agenda.items
    .filter((i): i is { number: number; title: string; actualStart: string } => i.actualStart !== undefined)
    .map((i) => ({ number: i.number, from: new Date(i.actualStart).getTime() }))
    .sort((a, b) => a.from - b.from);
  const doneAt = agenda.doneAt ? new Date(agenda.doneAt).getTime() : Infinity;
  const byNumber = new Map<number, TranscriptCue[]>(agenda.items.map((i) => [i.number, []]));
  const before: TranscriptCue[] = [];
  const after: TranscriptCue[] = [];
  for (const cue of cues) {
    const at = new Date(cue.start).getTime();
    if (started.length === 0 || at < started[0]!.from) {
      before.push(cue);
      continue;
    }
    if (at >= doneAt) {
      after.push(cue);
      continue;
    }
    // The last item that had started by the cue's time.
    let current = started[0]!;
    for (const s of started) if (s.from <= at) current = s;
    byNumber.get(current.number)!.push(cue);
  }
  return [
    ...(before.length > 0 ? [{ place: 'before' as const, title: '', cues: before }] : []),
    ...agenda.items.map((i) => ({ number: i.number, place: 'item' as const, title: i.title, cues: byNumber.get(i.number)! })),
    ...(after.length > 0 ? [{ place: 'after' as const, title: '', cues: after }] : []),
  ];
}

/** How many minutes the transcripts cover: each one's first cue to its last, added up, rounded up. */
export function coveredMinutes(cueLists: ReadonlyArray<readonly TranscriptCue[]>): number {
  let ms = 0;
  for (const cues of cueLists) {
    if (cues.length === 0) continue;
    const first = Math.min(...cues.map((c) => new Date(c.start).getTime()));
    const last = Math.max(...cues.map((c) => new Date(c.end).getTime()));
    ms += Math.max(0, last - first);
  }
  return Math.ceil(ms / 60_000);
}
