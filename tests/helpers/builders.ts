/** Domain test data with defaults and overrides, shared by the unit tests. People and texts from the seeds. */
import type { Decision } from '../../src/domain/decision';
import type { PersonRef } from '../../src/domain/person';
import type { Risk } from '../../src/domain/risk';

export const sara: PersonRef = { id: '29:sara', aadObjectId: 'aad-sara', name: 'Sara Herrman' };
export const hakan: PersonRef = { id: '29:hakan', aadObjectId: 'aad-hakan', name: 'Håkan Sundberg' };

export function aDecision(overrides: Partial<Decision> = {}): Decision {
  return {
    id: 'decision-1',
    tenantId: 'tenant-1',
    meetingId: 'meeting-1',
    number: 1,
    text: 'E-rådet beslutar om ändring av förstudiedirektiv',
    recordedBy: sara,
    recordedAt: '2020-11-27T09:00:00.000Z',
    status: 'active',
    ...overrides,
  };
}

export function aRetractedDecision(overrides: Partial<Decision> = {}): Decision {
  return aDecision({ status: 'retracted', retractedBy: hakan, retractedAt: '2020-11-27T09:05:00.000Z', ...overrides });
}

export function aRisk(overrides: Partial<Risk> = {}): Risk {
  return {
    id: 'risk-1',
    tenantId: 'tenant-1',
    registerId: 'register-1',
    number: 1,
    threat: 'Vikande intresse och deltagande mot slutet av förstudien',
    probability: 5,
    impact: 4,
    actionNeeded: false,
    status: 'open',
    raisedBy: sara,
    raisedAt: '2020-11-27T09:10:00.000Z',
    ...overrides,
  };
}

/** The seed's register R1–R5 (steering group 2020-11-27, seed 001), in the order they were numbered. */
export function seedRegister(): Risk[] {
  return [
    aRisk({ id: 'r1', number: 1, threat: 'Ändrat uppdrag e-samordnarroll från VästKom', probability: 1, impact: 5, actionNeeded: true }),
    aRisk({ id: 'r2', number: 2, threat: 'Projektmedlemmar kan inte prioritera att delta i projektet', probability: 4, impact: 3, actionNeeded: true }),
    aRisk({ id: 'r3', number: 3, threat: 'Ofullständig information från kommunerna', probability: 3, impact: 4, actionNeeded: true }),
    aRisk({ id: 'r4', number: 4, threat: 'Vikande intresse och deltagande mot slutet av förstudien', probability: 5, impact: 4, actionNeeded: true }),
    aRisk({ id: 'r5', number: 5, threat: 'Svårigheten i att planera långsiktigt under rådande situation', probability: 2, impact: 3 }),
  ];
}
