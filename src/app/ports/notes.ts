/** Notes taken in a meeting (implemented in src/store). */
import type { Note } from '../../domain/note';
import type { Stored } from './stored';

export interface NewNote extends Pick<Note, 'tenantId' | 'meetingId' | 'agendaItem' | 'text' | 'recordedBy' | 'recordedAt'> {
  sourceKey: string;
}

export interface NoteRepository {
  /** A repeated `sourceKey` returns the note stored first. */
  add(input: NewNote): Promise<Stored<Note>>;
  listForMeeting(tenantId: string, meetingId: string): Promise<Note[]>;
}
