import { cleanText, parseCommand, type CommandName } from '../../../bot/command-parser';
import { parseRiskArgs, parseRiskReviewArgs } from '../../../bot/commands/risks';

describe('parseCommand', () => {
  describe('chatter', () => {
    it.each([
      ['plain talk in the meeting chat', 'Ska vi ta en paus?'],
      ['a command word without a slash', 'beslut om budgeten'],
      ['a slash that is not first', 'se beslut /beslut nedan'],
      ['empty text', ''],
      ['only whitespace and non-breaking spaces', ' \u00a0&nbsp; '],
    ])('ignores %s', (_what, text) => {
      expect(parseCommand(text)).toEqual({ kind: 'chatter' });
    });

    it('ignores a missing text (an activity with attachments only)', () => {
      expect(parseCommand(undefined)).toEqual({ kind: 'chatter' });
      expect(parseCommand(undefined, true)).toEqual({ kind: 'chatter' });
    });
  });

  it('reads "/decision text" as the decision command with the rest as args', () => {
    expect(parseCommand('/decision The council approves the revised directive')).toEqual({
      kind: 'command',
      name: 'decision',
      args: 'The council approves the revised directive',
    });
  });

  it('gives empty args for a command without text and trims the args', () => {
    expect(parseCommand('/decisions')).toEqual({ kind: 'command', name: 'decisions', args: '' });
    expect(parseCommand('/decision    spaced out   ')).toEqual({ kind: 'command', name: 'decision', args: 'spaced out' });
  });

  it('keeps line breaks inside the args (a multi-line decision)', () => {
    expect(parseCommand('/beslut Första raden<br>andra raden')).toEqual({ kind: 'command', name: 'decision', args: 'Första raden\nandra raden' });
  });

  it.each<[string, CommandName]>([
    ['/decision', 'decision'],
    ['/beslut', 'decision'],
    ['/decisions', 'decisions'],
    ['/beslutslista', 'decisions'],
    ['/risk', 'risk'],
    ['/risks', 'risks'],
    ['/risker', 'risks'],
    ['/secretary', 'secretary'],
    ['/sekreterare', 'secretary'],
    ['/help', 'help'],
    ['/hjälp', 'help'],
    ['/hjalp', 'help'],
    ['/note', 'note'],
    ['/anteckning', 'note'],
    ['/action', 'action'],
    ['/åtgärd', 'action'],
    ['/ÅTGÄRD', 'action'],
    ['/actions', 'actions'],
    ['/åtgärder', 'actions'],
    ['/adjuster', 'adjuster'],
    ['/justerare', 'adjuster'],
    ['/assess', 'assess'],
    ['/bedöm', 'assess'],
    ['/bedom', 'assess'],
  ])('knows %s as %s', (text, name) => {
    expect(parseCommand(`${text} x`)).toEqual({ kind: 'command', name, args: 'x' });
  });

  it.each([['/BESLUT'], ['/Beslut'], ['/DeCiSiOn'], ['/HJÄLP']])('reads the command word case-insensitively: %s', (word) => {
    const parsed = parseCommand(`${word} Text`);
    expect(parsed.kind).toBe('command');
    // The args keep their case: only the command word is folded.
    expect(parsed).toMatchObject({ args: 'Text' });
  });

  describe('mentions', () => {
    it('strips a leading <at>Rådslag</at> that no mention entity removed', () => {
      expect(parseCommand('<at>Rådslag</at> /beslut Budgeten antas')).toEqual({ kind: 'command', name: 'decision', args: 'Budgeten antas' });
    });

    it('strips the mention case-insensitively and when several bots are mentioned first', () => {
      expect(parseCommand('<AT>Rådslag</AT>/risker')).toEqual({ kind: 'command', name: 'risks', args: '' });
      expect(parseCommand('<at>Rådslag</at> <at>Other</at> /help')).toEqual({ kind: 'command', name: 'help', args: '' });
    });

    it('leaves a mention inside the args alone (/secretary @name)', () => {
      expect(parseCommand('/sekreterare <at>Sara Herrman</at>')).toEqual({ kind: 'command', name: 'secretary', args: '<at>Sara Herrman</at>' });
    });

    it('treats a mention followed by chatter as chatter', () => {
      expect(parseCommand('<at>Rådslag</at> hur mår du?')).toEqual({ kind: 'chatter' });
    });
  });

  describe('non-breaking spaces', () => {
    it('reads &nbsp; and U+00A0 as spaces between the word and the args', () => {
      expect(parseCommand('/beslut&nbsp;Budgeten antas')).toEqual({ kind: 'command', name: 'decision', args: 'Budgeten antas' });
      expect(parseCommand('/beslut\u00a0Budgeten\u00a0antas')).toEqual({ kind: 'command', name: 'decision', args: 'Budgeten antas' });
    });

    it('ignores &nbsp; around the mention and the command', () => {
      expect(parseCommand('&nbsp;<at>Rådslag</at>&nbsp;/risker&nbsp;')).toEqual({ kind: 'command', name: 'risks', args: '' });
    });

    it('cleanText turns every non-breaking space into a plain space and trims', () => {
      expect(cleanText('\u00a0a&nbsp;b\u00a0\u00a0c&nbsp;')).toBe('a b  c');
    });
  });

  describe('unknown commands', () => {
    it('reports an unknown /foo with the word as typed', () => {
      expect(parseCommand('/foo bar')).toEqual({ kind: 'unknown', word: '/foo' });
      expect(parseCommand('/Foo')).toEqual({ kind: 'unknown', word: '/Foo' });
    });

    it('reports a lone slash as unknown', () => {
      expect(parseCommand('/')).toEqual({ kind: 'unknown', word: '/' });
    });

    it('cuts a very long unknown word to 40 characters after the slash', () => {
      const parsed = parseCommand(`/${'x'.repeat(100)}`);
      expect(parsed).toEqual({ kind: 'unknown', word: `/${'x'.repeat(40)}` });
    });

    // Command words are looked up in a plain object literal, so names inherited from Object.prototype must
    // not count as commands.
    it.each([['/constructor'], ['/__proto__'], ['/CONSTRUCTOR']])('does not take the Object.prototype name %s for a command', (text) => {
      expect(parseCommand(`${text} x`)).toEqual({ kind: 'unknown', word: text });
    });

    it('does not take a bare Object.prototype name for a command even when addressed', () => {
      expect(parseCommand('constructor', true)).toEqual({ kind: 'chatter' });
    });
  });

  describe('addressed (the bot was @mentioned)', () => {
    it('takes a bare command word, as the Teams command menu sends it, for the command', () => {
      expect(parseCommand('decisions', true)).toEqual({ kind: 'command', name: 'decisions', args: '' });
      expect(parseCommand('Beslut Budgeten antas', true)).toEqual({ kind: 'command', name: 'decision', args: 'Budgeten antas' });
      expect(parseCommand('\u00a0risker ', true)).toEqual({ kind: 'command', name: 'risks', args: '' });
    });

    it('treats the same bare word as chatter when the bot was not addressed', () => {
      expect(parseCommand('decisions')).toEqual({ kind: 'chatter' });
      expect(parseCommand('decisions', false)).toEqual({ kind: 'chatter' });
    });

    it('treats a bare word that is not a command as chatter, not as unknown', () => {
      expect(parseCommand('hello', true)).toEqual({ kind: 'chatter' });
      expect(parseCommand('tack för idag', true)).toEqual({ kind: 'chatter' });
    });

    it('still parses a slash command normally', () => {
      expect(parseCommand('/help', true)).toEqual({ kind: 'command', name: 'help', args: '' });
      expect(parseCommand('/foo', true)).toEqual({ kind: 'unknown', word: '/foo' });
    });
  });
});

describe('parseRiskArgs', () => {
  it('splits the seed example into threat, S and K', () => {
    expect(parseRiskArgs('Vikande intresse S=5 K=4')).toEqual({ threat: 'Vikande intresse', probability: '5', impact: '4' });
  });

  it('accepts spaces around "=" and ":" as separator, in either case', () => {
    expect(parseRiskArgs('Hot S = 3 K=2')).toEqual({ threat: 'Hot', probability: '3', impact: '2' });
    expect(parseRiskArgs('Hot s:2 k : 5')).toEqual({ threat: 'Hot', probability: '2', impact: '5' });
  });

  it('returns an empty value for "K=" with nothing after it, for the domain to refuse', () => {
    expect(parseRiskArgs('Hot S=3 K=')).toEqual({ threat: 'Hot', probability: '3', impact: '' });
  });

  it('finds S and K anywhere in the text and joins what is left', () => {
    expect(parseRiskArgs('S=1 Ändrat uppdrag K=5 från VästKom')).toEqual({ threat: 'Ändrat uppdrag från VästKom', probability: '1', impact: '5' });
    expect(parseRiskArgs('K=4 S=3 Ofullständig information')).toEqual({ threat: 'Ofullständig information', probability: '3', impact: '4' });
  });

  it('leaves S or K undefined when it is not given', () => {
    expect(parseRiskArgs('Hot K=4')).toEqual({ threat: 'Hot', probability: undefined, impact: '4' });
    expect(parseRiskArgs('Hot S=4')).toEqual({ threat: 'Hot', probability: '4', impact: undefined });
  });

  it('returns the whole text as the threat when no scores are given', () => {
    expect(parseRiskArgs('  Svårigheten i att  planera långsiktigt ')).toEqual({
      threat: 'Svårigheten i att planera långsiktigt',
      probability: undefined,
      impact: undefined,
    });
  });

  it('passes invalid values through as typed', () => {
    expect(parseRiskArgs('Hot S=7 K=x')).toEqual({ threat: 'Hot', probability: '7', impact: 'x' });
  });

  it('does not take an S or K inside a word for a score', () => {
    expect(parseRiskArgs('Kostnader=höga Sjukskrivningar:många S=2 K=3')).toEqual({
      threat: 'Kostnader=höga Sjukskrivningar:många',
      probability: '2',
      impact: '3',
    });
  });

  // "S:t" (Sankt) is a common Swedish abbreviation in place names; it is part of the threat, not a score.
  it('keeps "S:t" in a Swedish place name as part of the threat', () => {
    expect(parseRiskArgs('Brand på S:t Görans sjukhus S=3 K=2')).toEqual({ threat: 'Brand på S:t Görans sjukhus', probability: '3', impact: '2' });
  });
});

describe('parseRiskReviewArgs', () => {
  it.each([
    ['review R2 S=3 K=3 status=handled Styrgruppen prioriterar', { code: 'R2', probability: '3', impact: '3', status: 'handled', note: 'Styrgruppen prioriterar' }],
    ['uppföljning r1 status: hanterad', { code: 'r1', status: 'hanterad', note: '' }],
    ['review R4 K=5 Sämre läge', { code: 'R4', impact: '5', note: 'Sämre läge' }],
    ['review', { note: '' }],
  ])('%s', (args, expected) => {
    expect(parseRiskReviewArgs(args)).toEqual(expect.objectContaining(expected));
  });

  it('leaves a new risk to parseRiskArgs', () => {
    expect(parseRiskReviewArgs('Vikande intresse S=5 K=4')).toBeUndefined();
  });
});
