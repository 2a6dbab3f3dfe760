/** mammoth's HTML as the lines the minutes parser reads (the parts a built .docx does not reach). */
import { decodeEntities, linesFromHtml } from '../../../src/import/minutes-html';

const texts = (html: string): string[] => linesFromHtml(html).map((l) => l.text);

it('decodes the entities mammoth writes, and numeric ones', () => {
  expect(decodeEntities('R&amp;D &lt;b&gt; &quot;x&quot; &#229;&#xE4; &nbsp;&unknown;')).toBe('R&D <b> "x" åä \u00a0&unknown;');
});

it('makes a block of each paragraph and a new line of each break, with blank lines between blocks', () => {
  expect(texts('<h1>Minnesanteckningar</h1><p>Antecknat av<br />Bo Ek</p><p><strong>Beslut:</strong> <em>Godkänt</em></p>')).toEqual([
    'Minnesanteckningar',
    '',
    'Antecknat av',
    'Bo Ek',
    '',
    'Beslut: Godkänt',
  ]);
  expect(linesFromHtml('<h3>Nulägesanalys</h3>')[0]).toEqual({ line: 1, text: 'Nulägesanalys', row: false, cells: ['Nulägesanalys'], heading: 3 });
});

it('joins a cell’s paragraphs with a space and keeps empty cells in a row', () => {
  const [row] = linesFromHtml('<table><tr><td><p>PAUS</p></td><td></td><td><p>Kaffe</p><p>och bulle</p></td><td><p>14.30</p></td></tr></table>');
  expect(row).toEqual({ line: 1, text: 'PAUS\t\tKaffe och bulle\t14.30', row: true, cells: ['PAUS', '', 'Kaffe och bulle', '14.30'] });
});

it('writes list items as "- " lines, a sub-list’s items after their parent, and a paragraph inside an item as its text', () => {
  expect(texts('<p>Läget</p><ul><li>Bra<ul><li>Leveranser</li></ul></li><li><p>Många</p><p>lär sig</p></li></ul><p>Slut.</p>')).toEqual([
    'Läget',
    '',
    '- Bra',
    '- Leveranser',
    '- Många lär sig',
    '',
    'Slut.',
  ]);
});
