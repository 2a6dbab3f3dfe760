/** `/decision` (`/beslut`), `/decisions` (`/beslutslista`) and the decision card's Undo. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { decisionText } from '../../src/domain/decision';
import { decisionListCard } from '../cards/decision-list.card';
import { decisionCard, RETRACT_DECISION_VERB } from '../cards/decision.card';
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
      parse: (args) => decisionText(args),
      run: async (turn, text) => {
        const { value } = await turn.services.decisions.recordDecision(turn.ctx, text, turn.sourceKey);
        await turn.context.sendActivity(cardMessage(decisionCard(value, randomUUID(), turn.t, turn.locale)));
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
        const tabLink = await turn.tabLink('decisions');
        await turn.context.sendActivity(cardMessage(decisionListCard(decisions, turn.t, { cardId: randomUUID(), ...(tabLink ? { tabLink } : {}) })));
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: RETRACT_DECISION_VERB,
      data: z.object({ cardId: cardIdSchema, decisionId: z.string().min(1).max(200) }),
      run: async (turn, data) => {
        const decision = await turn.services.decisions.retractDecision(turn.ctx, data.decisionId);
        return { card: decisionCard(decision, data.cardId, turn.t, turn.locale), shared: true };
      },
    }),
  ],
};
