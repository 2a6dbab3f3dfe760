/**
 * What a command and a card action are. Each family file in bot/commands declares its commands and
 * card actions with these; bot/commands/index.ts registers the families, and RadslagBot only routes.
 */
import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import type { MessageKey } from '../../src/i18n';
import type { TabPage } from '../../src/links/tab-links';
import type { DomainError } from '../../src/domain/errors';
import type { BotServices } from '../services';
import type { IncomingText } from '../mentions';
import type { AdaptiveCard } from '../cards/card';
import type { CardActionResult, Turn } from '../turn';

export type BotScope = 'personal' | 'groupChat' | 'team';

/** A turn as a handler sees it: who and where, the language, the Teams turn and the use cases. */
export interface HandlerTurn extends Turn {
  context: TurnContext;
  services: BotServices;
  /** The tab's page for this chat's group, when the chat belongs to one. */
  tabLink(page: TabPage): Promise<string | undefined>;
  /** The bot's wording of a domain error (the same as an error reply's). */
  explain(e: DomainError): string;
  /** /help's card: what the caller can do in this chat (`here`), or every command (`all`). Drawn by the router, which may read the command table. */
  helpCard(which: 'here' | 'all'): AdaptiveCard;
}

export interface CommandTurn extends HandlerTurn {
  /** Makes a write idempotent: Teams redelivers an activity it got no answer for in time. */
  sourceKey: string;
  incoming: IncomingText;
}

export interface Command<A = string> {
  /** The canonical (English) name, and the Swedish one; both are typed as `/name`. */
  name: string;
  sv?: string;
  /** Other spellings that also work (without å, ä, ö; older words). */
  aliases?: readonly string[];
  /** What follows the name in /help, e.g. `<n>`. */
  hint?: string;
  /** What /help says; commands that share a key share a row of /help. */
  help: MessageKey;
  /** A correct example, shown in /help and after an error in what was typed. */
  usage?: MessageKey;
  /** Where it does something (a meeting chat is a group chat; a channel meeting is in a team). */
  scopes: readonly BotScope[];
  /** In the Teams command menu (the word typed after @Rådslag): true to offer it. */
  menu?: boolean;
  /** It calls Microsoft Graph before answering: Teams shows the bot typing meanwhile. */
  waitsOnGraph?: boolean;
  /** Reads the arguments without touching the store; throws a DomainError for what cannot be right. */
  parse: (args: string, incoming: IncomingText) => A;
  run: (turn: CommandTurn, args: A) => Promise<void>;
}

export interface CardAction<D = unknown> {
  verb: string;
  /** The pressed card's data, checked before anything is looked up. */
  data: z.ZodType<D>;
  run: (turn: HandlerTurn, data: D, raw: unknown) => Promise<CardActionResult>;
  /** A field was wrong: the form again, with what was typed and what to fix; undefined for a plain message. */
  onFieldError?: (turn: HandlerTurn, data: D, problem: string) => CardActionResult | undefined;
}

export interface CommandFamily {
  // Each command has its own argument type; the registry only pairs a command's parse with its run.
  commands: ReadonlyArray<Command<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  cardActions: ReadonlyArray<CardAction<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Typed declarations: the argument type flows from parse to run. */
export const command = <A>(c: Command<A>): Command<A> => c;
export const cardAction = <D>(a: CardAction<D>): CardAction<D> => a;

/** For commands whose arguments are the text as typed. */
export const asTyped = (args: string): string => args;

export const CHATS: readonly BotScope[] = ['groupChat', 'team'];
export const EVERYWHERE: readonly BotScope[] = ['personal', 'groupChat', 'team'];
