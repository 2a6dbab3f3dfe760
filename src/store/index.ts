import type { Repositories } from '../app/ports';
import { SqlActionRepository, SqlNoteRepository } from './minutes-records-repository';
import { SqlAgendaRepository } from './agenda-repository';
import { SqlAttendanceRepository } from './attendance-repository';
import { SqlCapabilityRepository } from './capability-repository';
import { SqlAnswerRepository } from './answer-repository';
import { SqlAuditRepository } from './audit-repository';
import { SqlDecisionRepository } from './decision-repository';
import { SqlGroupRepository } from './group-repository';
import { SqlJobRepository } from './job-repository';
import { SqlMeetingRepository } from './meeting-repository';
import { SqlMinutesRepository } from './minutes-repository';
import { SqlRiskRepository } from './risk-repository';
import { SqlSecretaryRepository } from './secretary-repository';

import type { OpenStore } from './database';

export { openStore, type OpenStore } from './database';

export function createRepositories(store: Pick<OpenStore, 'db' | 'kind'>): Repositories {
  const { db, kind } = store;
  return {
    meetings: new SqlMeetingRepository(db),
    decisions: new SqlDecisionRepository(db, kind),
    risks: new SqlRiskRepository(db, kind),
    secretaries: new SqlSecretaryRepository(db),
    adjusters: new SqlSecretaryRepository(db, 'meeting_adjusters'),
    notes: new SqlNoteRepository(db),
    actions: new SqlActionRepository(db),
    groups: new SqlGroupRepository(db),
    agendas: new SqlAgendaRepository(db),
    answers: new SqlAnswerRepository(db),
    attendance: new SqlAttendanceRepository(db),
    jobs: new SqlJobRepository(db),
    minutes: new SqlMinutesRepository(db),
    audit: new SqlAuditRepository(db),
    capabilities: new SqlCapabilityRepository(db),
  };
}
