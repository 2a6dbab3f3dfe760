/** `/help` (`/hjälp`), and "Show more" on a long list (decisions, risks, roster): the next rows, read anew, on the presser's card only. */
import { z } from 'zod';
import { HELP_ALL_VERB } from '../cards/help-verb';
import { decisionListCard } from '../cards/decision-list.card';
import { SHOW_MORE_VERB } from '../cards/paging';
import { riskRegisterCard } from '../cards/risk-register.card';
import { cardIdSchema, cardMessage } from '../turn';
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
      // What the caller does in this chat first, "Show all" for the rest. The router draws the card: it reads
      // bot/command-table.ts, which reads this file (an import from here would be a cycle).
      run: async (turn) => {
        await turn.context.sendActivity(cardMessage(turn.helpCard('here')));
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: HELP_ALL_VERB,
      data: z.object({ cardId: cardIdSchema }),
      run: (turn) => Promise.resolve({ card: turn.helpCard('all'), shared: false }),
    }),
    cardAction({
      verb: SHOW_MORE_VERB,
      data: z.object({ cardId: cardIdSchema, list: z.enum(['decisions', 'risks', 'roster']), offset: z.number().int().min(0).max(100_000) }),
      run: async (turn, data) => {
        const { ctx, t, services } = turn;
        if (data.list === 'roster') return { card: await rosterView(turn, data.cardId, undefined, data.offset), shared: false };
        const tabLink = await turn.tabLink(data.list);
        const page = { ...data, ...(tabLink ? { tabLink } : {}) };
        if (data.list === 'decisions') return { card: decisionListCard(await services.decisions.listDecisions(ctx), t, page, await services.decisions.numbering(ctx)), shared: false };
        return { card: riskRegisterCard(await services.risks.listRisks(ctx), t, page), shared: false };
      },
    }),
  ],
};
