/** The capability map (implemented in src/store). */
import type { Assessment, Capability, CapabilityInput } from '../../domain/capability';
import type { Stored } from './stored';

export interface CapabilityImport extends Pick<Capability, 'tenantId' | 'groupId'> {
  /** The tab's request id: the same import twice stores once and answers as the first time. */
  requestId: string;
  vision?: string;
  /** The organisations taking part (replaces the list when given). */
  organisations?: string[];
  capabilities: CapabilityInput[];
  at: string;
}

export interface NewAssessments extends Pick<Capability, 'tenantId' | 'groupId'>, Pick<Assessment, 'organisation' | 'via'> {
  answers: Array<Pick<Assessment, 'capabilityId' | 'maturity' | 'importance'>>;
  by: Assessment['assessedBy'];
  at: Assessment['assessedAt'];
}

export interface CapabilityRepository {
  /** The group's vision, participating organisations (when listed) and capabilities (import order). */
  map(tenantId: string, groupId: string): Promise<{ vision?: string; organisations?: string[]; capabilities: Capability[] }>;
  /**
   * Adds capabilities with new codes, updates those whose code exists and whose text changed, keeps the
   * rest; all or nothing. A `requestId` seen before returns the first result with `created: false`.
   */
  importCapabilities(input: CapabilityImport): Promise<Stored<{ imported: number; updated: number }>>;
  assessments(tenantId: string, groupId: string): Promise<Assessment[]>;
  /**
   * Stores the organisation's answers, each replacing its earlier answer for that capability with who and
   * when; an answer equal to the stored one keeps the stored one. All or nothing; returns how many changed.
   */
  saveAssessments(input: NewAssessments): Promise<number>;
  /** The result stored with a request id (imports and reminders), if the request was seen. */
  findRequest(tenantId: string, requestId: string): Promise<{ kind: string; groupId: string; result: unknown } | undefined>;
  /** Keeps a reminder (by request id: a repeat keeps the first) and its result. */
  recordReminder(input: { tenantId: string; groupId: string; requestId: string; organisation: string; result: unknown; at: string }): Promise<void>;
  /** The latest reminder per organisation key. */
  remindedAt(tenantId: string, groupId: string): Promise<Map<string, string>>;
}
