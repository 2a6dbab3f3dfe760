/**
 * `/assess` (`/bedöm`): the first page of the caller's organisation's capability form; Save stores the
 * page and shows the next one with a confirmation, in place; Previous/Next and the reminder's "Assess
 * now" only move between pages.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AssessmentInput } from '../../src/domain/capability';
import { ASSESSMENT_PAGE_SIZE, ASSESSMENT_PAGE_VERB, assessmentCard, clampPage, SAVE_ASSESSMENT_VERB } from '../cards/assessment.card';
import { cardIdSchema, cardMessage } from '../turn';
import { cardAction, command, EVERYWHERE, type CommandFamily } from './command';

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

export const assessmentCommands: CommandFamily = {
  commands: [
    command({
      name: 'assess',
      sv: 'bedöm',
      aliases: ['bedom'],
      help: 'help.assess',
      usage: 'usage.assess',
      scopes: EVERYWHERE,
      menu: true,
      // The chair, vice chair and organizer may name an organisation; others answer for their own.
      parse: (args) => args.trim() || undefined,
      run: async (turn, organisation) => {
        const { ctx, services } = turn;
        const group = await services.capabilities.groupFor(ctx);
        const form = await services.capabilities.formFor(ctx.tenantId, group, ctx.caller, organisation);
        const firstOpen = form.capabilities.findIndex((c) => !form.answers.has(c.id));
        await turn.context.sendActivity(cardMessage(assessmentCard(form, firstOpen < 0 ? 0 : Math.floor(firstOpen / ASSESSMENT_PAGE_SIZE), randomUUID(), turn.t)));
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: ASSESSMENT_PAGE_VERB,
      data: pageData,
      run: async (turn, data) => {
        const { ctx, services } = turn;
        const group = await services.capabilities.groupFor(ctx, data.groupId);
        const form = await services.capabilities.formFor(ctx.tenantId, group, ctx.caller, data.organisation);
        return { card: assessmentCard(form, data.page, data.cardId, turn.t), shared: false };
      },
    }),
    cardAction({
      verb: SAVE_ASSESSMENT_VERB,
      data: pageData,
      run: async (turn, data, raw) => {
        const { ctx, t, services } = turn;
        const group = await services.capabilities.groupFor(ctx, data.groupId);
        const { changed, form } = await services.capabilities.assess(ctx.tenantId, group, ctx.caller, { organisation: data.organisation, answers: answersOf(raw), via: 'card' });
        const saved = t('assess.saved', { count: changed, organisation: form.organisation, answered: form.answered, total: form.total });
        // Only the presser's copy changes: the form is theirs (their organisation's answers).
        return { card: assessmentCard(form, clampPage(form, data.page + 1), data.cardId, t, saved), shared: false };
      },
    }),
  ],
};
