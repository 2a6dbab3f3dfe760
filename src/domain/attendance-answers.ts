/**
 * What members answer before and during a meeting: the notice ("I will attend" / "I can't attend", with an
 * optional note) and the check-in round ("how are things?", and whether they sit in the meeting room).
 * Both count later for attendance: a check-in during the meeting is presence, an excuse is "excused".
 */
import { DomainError } from './errors';
import type { PersonRef } from './person';
import { optionalText } from './text';

export type Mood = 'good' | 'ok' | 'strained';
export const MOODS: readonly Mood[] = ['good', 'ok', 'strained'];

/** Where an answer was given: the card in Teams, or the personal link's page. */
export type AnswerChannel = 'card' | 'link';

export interface NoticeAnswer {
  person: PersonRef;
  attending: boolean;
  note?: string;
  /** Who comes instead, named by a member who cannot attend. */
  substitute?: string;
  answeredAt: string;
  via: AnswerChannel;
}

export interface CheckInAnswer {
  person: PersonRef;
  mood: Mood;
  text?: string;
  inRoom: boolean;
  answeredAt: string;
  via: AnswerChannel;
}

export function noticeAnswer(input: { attending: unknown; note?: string; substitute?: string }): Pick<NoticeAnswer, 'attending' | 'note' | 'substitute'> {
  const attending = input.attending === true || input.attending === 'true' || input.attending === 'yes';
  const declining = input.attending === false || input.attending === 'false' || input.attending === 'no';
  if (!attending && !declining) throw new DomainError('CARD.INVALID_DATA', { detail: 'attending must be yes or no' });
  const note = optionalText('note', input.note, 500);
  // A substitute stands in for someone who does not come: an attending member names none.
  const substitute = attending ? undefined : optionalText('substitute', input.substitute, 200);
  return { attending, ...(note === undefined ? {} : { note }), ...(substitute === undefined ? {} : { substitute }) };
}

export function checkInAnswer(input: { mood: unknown; text?: string; inRoom?: unknown }): Pick<CheckInAnswer, 'mood' | 'text' | 'inRoom'> {
  if (typeof input.mood !== 'string' || !(MOODS as readonly string[]).includes(input.mood)) {
    throw new DomainError('CARD.INVALID_DATA', { detail: `mood must be one of ${MOODS.join(', ')}` });
  }
  const text = optionalText('checkin', input.text, 500);
  const inRoom = input.inRoom === true || input.inRoom === 'true';
  return { mood: input.mood as Mood, inRoom, ...(text === undefined ? {} : { text }) };
}

/** One answer per person: the Entra object id when known, else the channel account id. */
export const personKey = (p: PersonRef): string => (p.aadObjectId ? `aad:${p.aadObjectId.toLowerCase()}` : `id:${p.id}`);
