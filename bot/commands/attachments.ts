/** `/attach` (`/bilaga`), and files shared in a meeting chat offered as attachments of the minutes. */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseAttachArgs, titleFromFileName, type Attachment } from '../../src/domain/attachment';
import { attachmentCard, RECORD_FILES_VERB, sharedFilesCard } from '../cards/attachment.card';
import { MAX_SHARED_FILES, type SharedFile } from '../shared-files';
import { cardIdSchema, cardMessage } from '../turn';
import { cardAction, CHATS, command, type CommandFamily, type HandlerTurn } from './command';

const byUrl = (attachments: readonly Attachment[]): Map<string, Attachment> => new Map(attachments.flatMap((a) => (a.url ? [[a.url, a] as const] : [])));

/**
 * A message in a meeting chat that shares files (and is no command): a card offers to record them as
 * attachments, unless every one is recorded already.
 */
export async function offerSharedFiles(turn: HandlerTurn, files: readonly SharedFile[]): Promise<void> {
  const recorded = byUrl(await turn.services.records.listAttachments(turn.ctx));
  if (files.every((f) => recorded.has(f.url))) return;
  await turn.context.sendActivity(cardMessage(sharedFilesCard(files, recorded, randomUUID(), turn.t, turn.locale)));
}

const file = z.object({
  name: z.string().trim().min(1).max(255),
  url: z.url({ protocol: /^https$/, hostname: /./ }).max(2000),
});

export const attachmentCommands: CommandFamily = {
  commands: [
    command({
      name: 'attach',
      sv: 'bilaga',
      help: 'help.attach',
      usage: 'usage.attach',
      scopes: CHATS,
      parse: (args) => parseAttachArgs(args),
      run: async (turn, draft) => {
        const { value } = await turn.services.records.addAttachment(turn.ctx, { ...draft, origin: 'command' }, turn.sourceKey);
        await turn.context.sendActivity(cardMessage(attachmentCard(value, turn.t, turn.locale)));
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: RECORD_FILES_VERB,
      // The toggles (`file0`, `file1`, …) come with the data: 'false' leaves a file out.
      data: z.looseObject({ cardId: cardIdSchema, files: z.array(file).min(1).max(MAX_SHARED_FILES) }),
      run: async (turn, data) => {
        const { records } = turn.services;
        const recorded = byUrl(await records.listAttachments(turn.ctx));
        const chosen = data.files.filter((f, i) => data[`file${i}`] !== 'false' && !recorded.has(f.url));
        for (const f of chosen) {
          // One press, or the same press delivered again, stores each file once.
          const sourceKey = `file:${data.cardId}:${createHash('sha256').update(f.url).digest('hex').slice(0, 32)}`;
          const { value } = await records.addAttachment(turn.ctx, { title: titleFromFileName(f.name), url: f.url, origin: 'chatFile' }, sourceKey);
          recorded.set(f.url, value);
        }
        return { card: sharedFilesCard(data.files, recorded, data.cardId, turn.t, turn.locale), shared: true };
      },
    }),
  ],
};
