/**
 * The `DirectMessenger` port in Teams, for one turn: who Teams knows in this conversation (account id and
 * home tenant, from the paged member list), and a one-to-one message to one of them — botbuilder's
 * createConversationAsync (POST /v3/conversations with one member) and a post in the chat it returns.
 */
import { TeamsInfo, type CloudAdapter, type ConversationParameters, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { Logger } from 'pino';
import type { DirectMessenger, LinkMessage } from '../src/app/ports';
import type { AdaptiveCard } from './cards/card';
import { personalLinkCard } from './cards/notice-overview.card';
import type { PersonRef } from '../src/domain/person';
import { cardMessage } from './turn';

/** A council chat has tens of people; the look-up stops after 10 pages of 500 all the same. */
const MAX_PAGES = 10;

async function conversationMembers(context: TurnContext): Promise<TeamsChannelAccount[]> {
  const members: TeamsChannelAccount[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await TeamsInfo.getPagedMembers(context, 500, token);
    members.push(...result.members);
    token = result.continuationToken;
    if (!token) break;
  }
  return members;
}

const same = (a: string | undefined, b: string | undefined) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());

/** `botAppId` is empty in local mode (no token is sent). */
export function teamsDirectMessenger(context: TurnContext, botAppId: string, log: Logger): DirectMessenger & { sendCard(accountId: string, tenantId: string, c: AdaptiveCard): Promise<void> } {
  let roster: Promise<TeamsChannelAccount[]> | undefined;
  const { serviceUrl, channelId, recipient } = context.activity;
  const sendCard = async (accountId: string, tenantId: string, c: AdaptiveCard): Promise<void> => {
    const parameters = {
      isGroup: false,
      bot: recipient,
      members: [{ id: accountId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    let failure: Error | undefined;
    await (context.adapter as CloudAdapter).createConversationAsync(botAppId, channelId, serviceUrl, AuthenticationConstants.ToChannelFromBotOAuthScope, parameters, async (direct) => {
      // An error thrown here would go to onTurnError and be swallowed: kept, so the caller counts the failure.
      try {
        await direct.sendActivity(cardMessage(c));
      } catch (e) {
        failure = e instanceof Error ? e : new Error(String(e));
      }
    });
    if (failure) throw failure;
  };
  return {
    async find(person: PersonRef) {
      roster ??= conversationMembers(context).catch((e: unknown) => {
        log.warn({ err: e }, 'the conversation’s members could not be read; everyone is treated as outside the chat this time');
        return [];
      });
      const members = await roster;
      const m = members.find((x) => same(x.aadObjectId, person.aadObjectId) || (person.id !== '' && x.id === person.id));
      return m ? { accountId: m.id, ...(m.tenantId ? { tenantId: m.tenantId } : {}) } : undefined;
    },

    async send(accountId: string, tenantId: string, message: LinkMessage, url: string) {
      await sendCard(accountId, tenantId, personalLinkCard(message, url));
    },

    sendCard,
  };
}
