/** The capability map's vocabulary: maturity levels, capabilities and organisations' assessments of them. */
import { normaliseName, type PersonRef } from './person';

/** 1 obefintlig (non-existent), 2 undermålig (inadequate), 3 grundläggande (basic), 4 god (good), 5 branschledande (leading). */
export type Maturity = 1 | 2 | 3 | 4 | 5;
/** Strategic importance toward the vision, 1 (low) – 5 (essential). */
export type Importance = 1 | 2 | 3 | 4 | 5;

export const MATURITY_LEVELS: readonly Maturity[] = [1, 2, 3, 4, 5];
/** The levels' message keys (i18n `maturity.<key>`), as the contract's MATURITY_KEYS. */
export const MATURITY_NAMES = ['nonExistent', 'inadequate', 'basic', 'good', 'leading'] as const;
export type MaturityName = (typeof MATURITY_NAMES)[number];
export const maturityName = (m: Maturity): MaturityName => MATURITY_NAMES[m - 1]!;

/** Levels 1–2 are weak (the seed: "obefintliga eller undermåliga förmågor"). */
export const isWeak = (m: Maturity): boolean => m <= 2;

export interface Capability {
  id: string;
  tenantId: string;
  groupId: string;
  /** e.g. "1.3"; unique within the group's map; the import matches on it. */
  code: string;
  area: string;
  name: string;
  description?: string;
  /** Order of the import (the map's reading order). */
  position: number;
}

export interface Assessment {
  capabilityId: string;
  organisation: string;
  maturity: Maturity;
  importance: Importance;
  assessedBy: PersonRef;
  assessedAt: string;
  via: 'card' | 'link' | 'tab' | 'import';
}

/** One capability as an import gives it, validated. */
export interface CapabilityInput {
  code: string;
  area: string;
  name: string;
  description?: string;
}

/** Organisations are one whatever their spelling of case and spaces ("Munkedals  kommun"). */
export const organisationKey = (name: string): string => normaliseName(name);
