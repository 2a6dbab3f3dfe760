/**
 * The capability map (förmågekarta, seed 001): capabilities grouped by area under the group's target
 * vision ("Målbild 2030"); each organisation's representative rates its maturity on five named levels and
 * the capability's strategic importance 1–5. An organisation has one assessment per capability: a newer
 * one replaces it. Pure: the import gets rows already split (CSV) or the JSON text, and names row and
 * column in every refusal.
 *
 * The vocabulary is in capability-types.ts, the import in capability-import.ts, the assessments in
 * capability-assessment.ts; the figures the council reads from the map are here.
 */
import { isWeak, organisationKey, type Assessment, type Capability } from './capability-types';

export {
  MATURITY_LEVELS,
  MATURITY_NAMES,
  isWeak,
  maturityName,
  organisationKey,
  type Assessment,
  type Capability,
  type CapabilityInput,
  type Importance,
  type Maturity,
  type MaturityName,
} from './capability-types';
export { MAX_CAPABILITIES, capabilitiesFromJson, capabilitiesFromTable, organisationList, visionText } from './capability-import';
export { importanceOf, maturityOf, validateAssessments, type AssessmentInput } from './capability-assessment';

export interface CapabilitySummaryFigures {
  leadingByOrganisation: Array<{ organisation: string; leading: number; total: number }>;
  mostlyWeak: Array<{ capabilityId: string; weak: number; answered: number }>;
  priorities: Array<{ capabilityId: string; importance: number; averageMaturity: number }>;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * The figures the council reads from the map (seed 001: "leading in 21 of 55"; few capabilities where
 * most are weak). A capability is mostly weak when more than half of the organisations that rated it are
 * at level 1–2. The priority list: average importance ≥ 4 and average maturity ≤ 2.5, most important
 * first, then least mature, then the map's order.
 */
export function summarise(capabilities: readonly Capability[], organisations: readonly string[], assessments: readonly Assessment[]): CapabilitySummaryFigures {
  const total = capabilities.length;
  const known = new Set(capabilities.map((c) => c.id));
  const mine = assessments.filter((a) => known.has(a.capabilityId));
  const leadingByOrganisation = organisations.map((organisation) => {
    const key = organisationKey(organisation);
    return { organisation, leading: mine.filter((a) => organisationKey(a.organisation) === key && a.maturity === 5).length, total };
  });
  const mostlyWeak: CapabilitySummaryFigures['mostlyWeak'] = [];
  const priorities: CapabilitySummaryFigures['priorities'] = [];
  for (const c of capabilities) {
    const answers = mine.filter((a) => a.capabilityId === c.id);
    if (answers.length === 0) continue;
    const weak = answers.filter((a) => isWeak(a.maturity)).length;
    if (weak * 2 > answers.length) mostlyWeak.push({ capabilityId: c.id, weak, answered: answers.length });
    const importance = round1(answers.reduce((s, a) => s + a.importance, 0) / answers.length);
    const averageMaturity = round2(answers.reduce((s, a) => s + a.maturity, 0) / answers.length);
    if (importance >= 4 && averageMaturity <= 2.5) priorities.push({ capabilityId: c.id, importance, averageMaturity });
  }
  const position = new Map(capabilities.map((c) => [c.id, c.position]));
  priorities.sort((a, b) => b.importance - a.importance || a.averageMaturity - b.averageMaturity || position.get(a.capabilityId)! - position.get(b.capabilityId)!);
  return { leadingByOrganisation, mostlyWeak, priorities };
}

/** Who has answered: per organisation, capabilities rated of all, and the latest answer. */
export function responseCounts(capabilities: readonly Capability[], organisations: readonly string[], assessments: readonly Assessment[]): Array<{ organisation: string; answered: number; total: number; lastAnsweredAt?: string }> {
  const known = new Set(capabilities.map((c) => c.id));
  return organisations.map((organisation) => {
    const key = organisationKey(organisation);
    const theirs = assessments.filter((a) => known.has(a.capabilityId) && organisationKey(a.organisation) === key);
    const last = theirs.reduce<string | undefined>((m, a) => (m === undefined || a.assessedAt > m ? a.assessedAt : m), undefined);
    return { organisation, answered: theirs.length, total: capabilities.length, ...(last ? { lastAnsweredAt: last } : {}) };
  });
}

/** Capabilities in the map's reading order: by area (in order of first appearance), then position. */
export function inMapOrder(capabilities: readonly Capability[]): Capability[] {
  const sorted = [...capabilities].sort((a, b) => a.position - b.position);
  const areaOrder = new Map<string, number>();
  for (const c of sorted) if (!areaOrder.has(c.area)) areaOrder.set(c.area, areaOrder.size);
  return sorted.sort((a, b) => areaOrder.get(a.area)! - areaOrder.get(b.area)! || a.position - b.position);
}
