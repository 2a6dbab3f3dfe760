/**
 * What the use cases need from the outside world, one module per aggregate or concern. Implemented by
 * src/store (persistence), src/graph (Microsoft Graph), src/links (signed tokens), src/minutes (files),
 * src/import (CSV) and bot/ (what Teams knows about a conversation, and posting there); the use cases
 * never see botbuilder, restify or SQL.
 */
import type { ActionRepository } from './actions';
import type { AgendaRepository } from './agenda';
import type { AnswerRepository } from './answers';
import type { AttendanceRepository } from './attendance';
import type { AttachmentRepository } from './attachments';
import type { AuditRepository } from './audit';
import type { CapabilityRepository } from './capabilities';
import type { DecisionRepository } from './decisions';
import type { GroupRepository } from './groups';
import type { ImportRepository } from './imports';
import type { JobRepository } from './jobs';
import type { MeetingRepository } from './meetings';
import type { MinutesRepository } from './minutes';
import type { NoteRepository } from './notes';
import type { PrivacyRepository } from './privacy';
import type { RiskRepository } from './risks';
import type { SecretaryRepository } from './secretaries';
import type { TranscriptRepository } from './transcripts';

export * from './actions';
export * from './agenda';
export * from './answers';
export * from './attachments';
export * from './attendance';
export * from './audit';
export * from './calendar';
export * from './capabilities';
export * from './clock';
export * from './csv';
export * from './decisions';
export * from './groups';
export * from './imports';
export * from './jobs';
export * from './links';
export * from './meetings';
export * from './messaging';
export * from './minutes';
export * from './notes';
export * from './privacy';
export * from './risks';
export * from './secretaries';
export * from './stored';
export * from './transcripts';

/** Every store, as src/store builds them; a use case takes `Pick<Repositories, …>` of the ones it uses. */
export interface Repositories {
  minutes: MinutesRepository;
  audit: AuditRepository;
  meetings: MeetingRepository;
  decisions: DecisionRepository;
  risks: RiskRepository;
  secretaries: SecretaryRepository;
  /** The meetings' adjusters, appointed like the secretary. */
  adjusters: SecretaryRepository;
  notes: NoteRepository;
  actions: ActionRepository;
  /** Documents listed under "Bilagor" in the minutes. */
  attachments: AttachmentRepository;
  groups: GroupRepository;
  agendas: AgendaRepository;
  answers: AnswerRepository;
  jobs: JobRepository;
  attendance: AttendanceRepository;
  capabilities: CapabilityRepository;
  /** Meetings imported from minutes written before Rådslag, with how those minutes were laid out. */
  imports: ImportRepository;
  /** Meeting transcripts from Graph (personal data, deleted after the minutes' approval). */
  transcripts: TranscriptRepository;
  /** Personal data: export, erasure and retention. */
  privacy: PrivacyRepository;
}
