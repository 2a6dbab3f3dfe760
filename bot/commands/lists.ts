/** `/help` (`/hjälp`), and "Show more" on a long list (decisions, risks, roster): the next rows, read anew, on the presser's card only. */
import { z } from 'zod';
import { decisionListCard } from '../cards/decision-list.card';
import { SHOW_MORE_VERB } from '../cards/paging';
import { riskRegisterCard } from '../cards/risk-register.card';
import { cardIdSchema } from '../turn';
import { asTyped, cardAction, command, EVERYWHERE, type CommandFamily } from './command';
import { rosterView } from './groups';

export const listCommands: CommandFamily = {
  commands: [
    command({
      name: 'help',
      sv: 'hjälp',
      aliases: ['hjalp'],
      help: 'help.help',
      scopes: EVERYWHERE,
      menu: true,
      parse: asTyped,
      // The card lists this very table: the router draws it (bot/cards/help.card.ts reads bot/command-table.ts).
      run: (turn) => turn.showHelp(),
    }),
  ],
  cardActions: [
    cardAction({
      verb: SHOW_MORE_VERB,
      data: z.object({ cardId: cardIdSchema, list: z.enum(['decisions', 'risks', 'roster']), offset: z.number().int().min(0).max(100_000) }),
      run: async (turn, data) => {
        const { ctx, t, services } = turn;
        if (data.list === 'roster') return { card: await rosterView(turn, data.cardId, undefined, data.offset), shared: false };
        const tabLink = await turn.tabLink(data.list);
        const page = { ...data, ...(tabLink ? { tabLink } : {}) };
        if (data.list === 'decisions') return { card: decisionListCard(await services.decisions.listDecisions(ctx), t, page), shared: false };
        return { card: riskRegisterCard(await services.risks.listRisks(ctx), t, page), shared: false };
      },
    }),
  ],
};
