import { noteBlocks } from '../../../src/domain/note';

describe('noteBlocks', () => {
  it('keeps a plain note as one paragraph, its line breaks included', () => {
    expect(noteBlocks('Sara föredrar statusrapporten.')).toEqual([{ kind: 'paragraph', text: 'Sara föredrar statusrapporten.' }]);
    expect(noteBlocks('Första raden\nandra raden')).toEqual([{ kind: 'paragraph', text: 'Första raden\nandra raden' }]);
  });

  it('reads "# " as a sub-heading, "- " and "* " as bullets, blank lines as paragraph breaks (seed 003, item 2)', () => {
    const note = [
      'Anders föredrar läget på SML-IT',
      '- IT- personal ovanligt friska (delvis hemmaarbete)',
      '* Ca 600 distansarbetande i kommunerna',
      '',
      '# Diskussion – hemarbete',
      'Hemarbete är ett arbetssätt som kommer att fortsätta.',
      '',
      'Vissa utmaningar med det.',
    ].join('\r\n');
    expect(noteBlocks(note)).toEqual([
      { kind: 'paragraph', text: 'Anders föredrar läget på SML-IT' },
      { kind: 'list', items: ['IT- personal ovanligt friska (delvis hemmaarbete)', 'Ca 600 distansarbetande i kommunerna'] },
      { kind: 'heading', text: 'Diskussion – hemarbete' },
      { kind: 'paragraph', text: 'Hemarbete är ett arbetssätt som kommer att fortsätta.' },
      { kind: 'paragraph', text: 'Vissa utmaningar med det.' },
    ]);
  });

  it('goes on with a list over a blank line, and ends it at a paragraph line or a sub-heading', () => {
    expect(noteBlocks('- a\n\n- b\n\n# Rubrik\n- c')).toEqual([
      { kind: 'list', items: ['a', 'b'] },
      { kind: 'heading', text: 'Rubrik' },
      { kind: 'list', items: ['c'] },
    ]);
  });

  it('ends a list at a paragraph line and a paragraph at a bullet', () => {
    expect(noteBlocks('- a\n- b\nefter\n- c')).toEqual([
      { kind: 'list', items: ['a', 'b'] },
      { kind: 'paragraph', text: 'efter' },
      { kind: 'list', items: ['c'] },
    ]);
  });

  it('takes nothing else as markup: other marks stay text of a paragraph', () => {
    const lines = ['## två', '#utan mellanslag', '-utan mellanslag', '+ plus', '1. numrerad', '> citat', '<b>fet</b> [länk](https://evil.example)', '#', '- '];
    expect(noteBlocks(lines.join('\n'))).toEqual([{ kind: 'paragraph', text: lines.map((l) => l.trim()).join('\n') }]);
  });

  it('gives nothing for an empty text and drops indentation', () => {
    expect(noteBlocks('\n  \n')).toEqual([]);
    expect(noteBlocks('   # Rubrik  \n    - punkt ')).toEqual([{ kind: 'heading', text: 'Rubrik' }, { kind: 'list', items: ['punkt'] }]);
  });
});
