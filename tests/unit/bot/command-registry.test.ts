/** The registry in bot/commands: every card button has a handler, every word one command, every command a help row. */
import fs from 'node:fs';
import path from 'node:path';
import { COMMAND_ROWS } from '../../../bot/command-table';
import { cardActionByVerb, COMMANDS, commandByWord, wordsOf } from '../../../bot/commands';

const cardsDir = path.join(__dirname, '../../../bot/cards');

/** Every `export const X_VERB = '…'` the card builders declare. */
function declaredVerbs(): string[] {
  return fs
    .readdirSync(cardsDir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...fs.readFileSync(path.join(cardsDir, f), 'utf8').matchAll(/export const \w+_VERB = '([^']+)'/g)].map((m) => m[1]!));
}

it('has a handler for every verb a card can send, and no handler for a verb no card sends', () => {
  const verbs = declaredVerbs();
  expect(verbs.length).toBeGreaterThan(15);
  expect([...cardActionByVerb.keys()].sort()).toEqual([...new Set(verbs)].sort());
});

it('reads each word as exactly one command, and the Swedish word as the English one', () => {
  for (const c of COMMANDS) for (const word of wordsOf(c)) expect(commandByWord.get(word.toLowerCase())).toBe(c);
  expect(commandByWord.get('beslut')?.name).toBe('decision');
  expect(commandByWord.get('åtgärder')?.name).toBe('actions');
});

it('gives every command a row of /help that names it', () => {
  const names = COMMAND_ROWS.map((r) => r.names).join(' ');
  for (const c of COMMANDS) expect(names).toContain(`/${c.name}`);
});
