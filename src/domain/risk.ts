import { DomainError } from './errors';
import type { PersonRef } from './person';
import { optionalText, requiredText } from './text';

/** S (sannolikhet, probability) and K (konsekvens, impact) are whole numbers 1–5; R = S×K (1–25). */
export type Score = 1 | 2 | 3 | 4 | 5;
export type RiskStatus = 'open' | 'handled' | 'closed';

export interface Risk {
  id: string;
  tenantId: string;
  registerId: string;
  /** 1, 2, … within the register; shown as R1, R2, … */
  number: number;
  threat: string;
  vulnerability?: string;
  consequence?: string;
  probability: Score;
  impact: Score;
  actionNeeded: boolean;
  action?: string;
  owner?: string;
  status: RiskStatus;
  meetingId?: string;
  /** The agenda item in progress when it was raised. */
  agendaItem?: number;
  raisedBy: PersonRef;
  raisedAt: string;
  /** S and K as raised, before any review (unknown for risks reviewed before this was kept). */
  raised?: { probability: Score; impact: Score };
}

export interface NewRiskInput {
  threat?: string;
  vulnerability?: string;
  consequence?: string;
  probability?: unknown;
  impact?: unknown;
  actionNeeded?: boolean;
  action?: string;
  owner?: string;
}

export type ValidRisk = Pick<Risk, 'threat' | 'vulnerability' | 'consequence' | 'probability' | 'impact' | 'actionNeeded' | 'action' | 'owner'>;

export const riskCode = (r: Pick<Risk, 'number'>): string => `R${r.number}`;
export const riskScore = (r: Pick<Risk, 'probability' | 'impact'>): number => r.probability * r.impact;

/** Accepts 1–5 as a number or a string of one digit; anything else names the field in the error. */
export function score(field: 'S' | 'K', raw: unknown): Score {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  if (raw === undefined || raw === null || text === '') throw new DomainError('RISK.SCORE_MISSING', { field });
  if (text === undefined || !/^[1-5]$/.test(text)) {
    throw new DomainError('RISK.SCORE_OUT_OF_RANGE', { field, value: (text ?? JSON.stringify(raw) ?? typeof raw).slice(0, 20) });
  }
  return Number(text) as Score;
}

export function validateNewRisk(input: NewRiskInput): ValidRisk {
  const actionNeeded = input.actionNeeded ?? false;
  return {
    threat: requiredText('threat', input.threat),
    vulnerability: optionalText('vulnerability', input.vulnerability),
    consequence: optionalText('consequence', input.consequence),
    probability: score('S', input.probability),
    impact: score('K', input.impact),
    actionNeeded,
    action: optionalText('action', input.action),
    owner: optionalText('owner', input.owner, 200),
  };
}

/** The register's order: highest R first, then highest K (impact), then oldest. */
export function byRegisterOrder(a: Risk, b: Risk): number {
  return riskScore(b) - riskScore(a) || b.impact - a.impact || a.number - b.number;
}

/** Colour band of R on the 5×5 map: low 1–4, medium 5–9, high 10–16, critical 20–25. */
export type RiskBand = 'low' | 'medium' | 'high' | 'critical';
export function riskBand(r: number): RiskBand {
  if (r >= 20) return 'critical';
  if (r >= 10) return 'high';
  if (r >= 5) return 'medium';
  return 'low';
}

/** A follow-up of a risk at a meeting: the S and K it has now, its status, and what was said. */
export interface RiskReview {
  id: string;
  riskId: string;
  meetingId?: string;
  agendaItem?: number;
  probability: Score;
  impact: Score;
  status: RiskStatus;
  note?: string;
  reviewedBy: PersonRef;
  reviewedAt: string;
}

export const RISK_STATUSES: readonly RiskStatus[] = ['open', 'handled', 'closed'];

const STATUS_WORDS: Record<string, RiskStatus> = {
  open: 'open',
  öppen: 'open',
  handled: 'handled',
  hanterad: 'handled',
  closed: 'closed',
  stängd: 'closed',
  avslutad: 'closed',
};

export function riskStatus(raw: string): RiskStatus {
  const key = raw.trim().toLowerCase();
  const status = Object.hasOwn(STATUS_WORDS, key) ? STATUS_WORDS[key] : undefined;
  if (!status) throw new DomainError('RISK.BAD_STATUS', { value: raw.slice(0, 20) });
  return status;
}

/** `R3` (or `r3`, `3`) as the register's number 3. */
export function riskNumber(raw: string | undefined): number {
  const m = /^\s*[Rr]?(\d{1,5})\s*$/.exec(raw ?? '');
  if (!m) throw new DomainError('RISK.BAD_CODE', { value: (raw ?? '').slice(0, 20) });
  return Number(m[1]);
}

export interface ReviewInput {
  probability?: unknown;
  impact?: unknown;
  status?: string;
  note?: string;
}

/** A review keeps what it does not change: S, K and status default to the risk's current values. */
export function validateReview(current: Pick<Risk, 'probability' | 'impact' | 'status'>, input: ReviewInput): Pick<RiskReview, 'probability' | 'impact' | 'status' | 'note'> {
  const note = optionalText('note', input.note);
  return {
    probability: input.probability === undefined ? current.probability : score('S', input.probability),
    impact: input.impact === undefined ? current.impact : score('K', input.impact),
    status: input.status === undefined ? current.status : riskStatus(input.status),
    ...(note === undefined ? {} : { note }),
  };
}
