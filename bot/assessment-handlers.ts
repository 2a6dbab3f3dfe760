/**
 * The capability assessment in Teams: `/assess` (`/bedöm`) posts the first page of the caller's
 * organisation's form; Save stores the page through CapabilityService and shows the next page with a
 * confirmation, in place; Previous/Next and the reminder's "Assess now" only move between pages.
 */
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CapabilityService } from '../src/app/capability-service';
import type { AssessmentInput } from '../src/domain/capability';
import { ASSESSMENT_PAGE_SIZE, ASSESSMENT_PAGE_VERB, assessmentCard, clampPage, SAVE_ASSESSMENT_VERB } from './cards/assessment.card';
import { cardIdSchema, cardMessage, parseCardData, type CardActionResult, type Turn } from './turn';

const pageData = z.object({
  cardId: cardIdSchema,
  groupId: z.string().min(1).max(200),
  organisation: z.string().min(1).max(200),
  page: z.number().int().min(0).max(1000),
});

/** The card's choices arrive beside its data as `m.<capabilityId>` and `i.<capabilityId>`, strings from the ChoiceSets. */
const choice = z.union([z.string().max(20), z.number()]).optional();

function answersOf(raw: unknown): AssessmentInput[] {
  const data = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const ids = new Set<string>();
  for (const key of Object.keys(data).slice(0, 2000)) {
    const m = /^[mi]\.(.{1,200})$/.exec(key);
    if (m) ids.add(m[1]!);
  }
  return [...ids].map((capabilityId) => {
    const maturity = choice.safeParse(data[`m.${capabilityId}`]);
    const importance = choice.safeParse(data[`i.${capabilityId}`]);
    // A value of the wrong type is passed on as it came: the domain names the capability and the value.
    return { capabilityId, maturity: maturity.success ? maturity.data : data[`m.${capabilityId}`], importance: importance.success ? importance.data : data[`i.${capabilityId}`] };
  });
}

export class AssessmentHandlers {
  constructor(private readonly capabilities: CapabilityService) {}

  /** `/assess [organisation]`: the chair, vice chair and organizer may name an organisation; others answer for their own. */
  async command(context: TurnContext, turn: Turn, args: string): Promise<void> {
    const { ctx, t } = turn;
    const group = await this.capabilities.groupFor(ctx);
    const form = await this.capabilities.formFor(ctx.tenantId, group, ctx.caller, args.trim() || undefined);
    const firstOpen = form.capabilities.findIndex((c) => !form.answers.has(c.id));
    await context.sendActivity(cardMessage(assessmentCard(form, firstOpen < 0 ? 0 : Math.floor(firstOpen / ASSESSMENT_PAGE_SIZE), randomUUID(), t)));
  }

  /** Handles the assessment card's presses; undefined for any other verb. */
  async cardAction(turn: Turn, verb: string, rawData: unknown): Promise<CardActionResult | undefined> {
    const { ctx, t } = turn;
    if (verb === ASSESSMENT_PAGE_VERB) {
      const data = parseCardData(pageData, rawData);
      const group = await this.capabilities.groupFor(ctx, data.groupId);
      const form = await this.capabilities.formFor(ctx.tenantId, group, ctx.caller, data.organisation);
      return { card: assessmentCard(form, data.page, data.cardId, t), shared: false };
    }
    if (verb === SAVE_ASSESSMENT_VERB) {
      const data = parseCardData(pageData, rawData);
      const group = await this.capabilities.groupFor(ctx, data.groupId);
      const { changed, form } = await this.capabilities.assess(ctx.tenantId, group, ctx.caller, { organisation: data.organisation, answers: answersOf(rawData), via: 'card' });
      const next = clampPage(form, data.page + 1);
      const saved = t('assess.saved', { count: changed, organisation: form.organisation, answered: form.answered, total: form.total });
      // Only the presser's copy changes: the form is theirs (their organisation's answers).
      return { card: assessmentCard(form, next, data.cardId, t, saved), shared: false };
    }
    return undefined;
  }
}
