import type { Repositories } from '../app/ports';
import { SqlActionRepository, SqlNoteRepository } from './minutes-records-repository';
import { SqlAgendaRepository } from './agenda-repository';
import { postgresChatLookUp } from './chat-lookup';
import { SqlAttachmentRepository } from './attachment-repository';
import { SqlAttendanceRepository } from './attendance-repository';
import { SqlCapabilityRepository } from './capability-repository';
import { SqlAnswerRepository } from './answer-repository';
import { SqlAuditRepository } from './audit-repository';
import { SqlDecisionRepository } from './decision-repository';
import { SqlGroupRepository } from './group-repository';
import { SqlImportRepository } from './import-repository';
import { SqlJobRepository } from './job-repository';
import { SqlMeetingRepository } from './meeting-repository';
import { SqlMinutesRepository } from './minutes-repository';
import { SqlPrivacyRepository } from './privacy-repository';
import { SqlRiskRepository } from './risk-repository';
import { SqlSecretaryRepository } from './secretary-repository';
import { SqlTranscriptRepository } from './transcript-repository';

import type { OpenStore } from './database';

export { openStore, type OpenStore } from './database';

export function createRepositories(store: Pick<OpenStore, 'db' | 'kind' | 'transact'>): Repositories {
  const { db, kind, transact } = store;
  return {
    // PostgreSQL reads a turn's meeting, group, roster and secretary in one query (chat-lookup.ts).
    meetings: kind === 'postgres' ? Object.assign(new SqlMeetingRepository(db, transact), { lookUpChat: postgresChatLookUp(db) }) : new SqlMeetingRepository(db, transact),
    decisions: new SqlDecisionRepository(db, kind, transact),
    risks: new SqlRiskRepository(db, kind, transact),
    secretaries: new SqlSecretaryRepository(db),
    adjusters: new SqlSecretaryRepository(db, 'meeting_adjusters'),
    notes: new SqlNoteRepository(db),
    actions: new SqlActionRepository(db),
    attachments: new SqlAttachmentRepository(db),
    groups: new SqlGroupRepository(db, transact),
    agendas: new SqlAgendaRepository(db, transact),
    answers: new SqlAnswerRepository(db),
    attendance: new SqlAttendanceRepository(db, transact),
    jobs: new SqlJobRepository(db),
    minutes: new SqlMinutesRepository(db, transact),
    audit: new SqlAuditRepository(db),
    capabilities: new SqlCapabilityRepository(db, transact),
    imports: new SqlImportRepository(db),
    privacy: new SqlPrivacyRepository(db, kind, transact),
    transcripts: new SqlTranscriptRepository(db, transact),
  };
}
