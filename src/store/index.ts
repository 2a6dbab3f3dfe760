import type { Kysely } from 'kysely';
import type { Repositories } from '../app/ports';
import { SqlDecisionRepository } from './decision-repository';
import { SqlMeetingRepository } from './meeting-repository';
import { SqlRiskRepository } from './risk-repository';
import type { Database } from './schema';
import { SqlSecretaryRepository } from './secretary-repository';

export { openStore, type OpenStore } from './database';

export function createRepositories(db: Kysely<Database>): Repositories {
  return {
    meetings: new SqlMeetingRepository(db),
    decisions: new SqlDecisionRepository(db),
    risks: new SqlRiskRepository(db),
    secretaries: new SqlSecretaryRepository(db),
  };
}
