/** `/decision` (`/beslut`), `/decisions` (`/beslutslista`), `/numbering` (`/numrering`), and the cards' Undo and numbering switch. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { numberingSwitch, parseDecision } from '../../src/domain/decision';
import { decisionListCard } from '../cards/decision-list.card';
import { decisionCard, numberingCard, RETRACT_DECISION_VERB, SET_NUMBERING_VERB } from '../cards/decision.card';
import { cardIdSchema, cardMessage } from '../turn';
import { asTyped, cardAction, CHATS, command, type CommandFamily } from './command';

export const decisionCommands: CommandFamily = {
  commands: [
    command({
      name: 'decision',
      sv: 'beslut',
      help: 'help.decision',
      usage: 'usage.decision',
      scopes: CHATS,
      menu: true,
      // `<heading> — <text>` or `<text>`, checked before anything is looked up; the use case reads the same text.
      parse: (args) => {
        parseDecision(args);
        return args;
      },
      run: async (turn, text) => {
        const { value, numbered } = await turn.services.decisions.recordDecision(turn.ctx, text, turn.sourceKey);
        await turn.context.sendActivity(cardMessage(decisionCard(value, randomUUID(), turn.t, turn.locale, numbered)));
      },
    }),
    command({
      name: 'decisions',
      sv: 'beslutslista',
      help: 'help.decisions',
      scopes: CHATS,
      menu: true,
      parse: asTyped,
      run: async (turn) => {
        const decisions = await turn.services.decisions.listDecisions(turn.ctx);
        const numbered = await turn.services.decisions.numbering(turn.ctx);
        const tabLink = await turn.tabLink('decisions');
        await turn.context.sendActivity(cardMessage(decisionListCard(decisions, turn.t, { cardId: randomUUID(), ...(tabLink ? { tabLink } : {}) }, numbered)));
      },
    }),
    command({
      name: 'numbering',
      sv: 'numrering',
      help: 'help.numbering',
      usage: 'usage.numbering',
      scopes: CHATS,
      // Alone it shows the setting; with on/off (på/av) it switches it.
      parse: (args) => (args.trim() === '' ? undefined : numberingSwitch(args)),
      run: async (turn, wanted) => {
        const { group, numbered } = await turn.services.groups.decisionNumbering(turn.ctx, wanted);
        const changedBy = wanted === undefined ? undefined : turn.ctx.caller.name;
        await turn.context.sendActivity(cardMessage(numberingCard(group.name, numbered, randomUUID(), turn.t, changedBy)));
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: RETRACT_DECISION_VERB,
      data: z.object({ cardId: cardIdSchema, decisionId: z.string().min(1).max(200) }),
      run: async (turn, data) => {
        const decision = await turn.services.decisions.retractDecision(turn.ctx, data.decisionId);
        const numbered = await turn.services.decisions.numbering(turn.ctx);
        return { card: decisionCard(decision, data.cardId, turn.t, turn.locale, numbered), shared: true };
      },
    }),
    cardAction({
      verb: SET_NUMBERING_VERB,
      data: z.object({ cardId: cardIdSchema, numbered: z.boolean() }),
      run: async (turn, data) => {
        const { group, numbered } = await turn.services.groups.decisionNumbering(turn.ctx, data.numbered);
        return { card: numberingCard(group.name, numbered, data.cardId, turn.t, turn.ctx.caller.name), shared: true };
      },
    }),
  ],
};
