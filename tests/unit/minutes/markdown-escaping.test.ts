/**
 * The Markdown minutes, read back by a CommonMark renderer (markdown-it, with GitHub's tables and its
 * link detection on): whatever a secretary types in a note, a decision or a title comes out as the same
 * text in a paragraph, list item, heading or table cell — never a heading, code block, table, link, list,
 * quote, rule, emphasis or HTML of its own.
 */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { toMarkdown } from '../../../src/minutes/markdown';
import type { Block } from '../../../src/minutes/outline';

const md = new MarkdownIt({ html: true, linkify: true });
md.linkify.set({ fuzzyLink: false });

/** The tags markdown-it made, in order. */
const tagsOf = (html: string): string[] => [...html.matchAll(/<([a-z0-9]+)[\s>]/gi)].map((m) => m[1]!.toLowerCase());
const textOf = (html: string): string =>
  html
    .replace(/<br>\n?/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
/** As typed, but for what a paragraph cannot keep: indentation and blank lines at a line's edges. */
const asRead = (typed: string): string =>
  typed
    .split(/\r?\n/)
    .map((l) => l.replace(/^[ \t\u00a0]+/, '').replace(/[ \t]+$/, ''))
    .filter((l) => l !== '')
    .join('\n');

const LINES = [
  'Rubrik',
  '===',
  '---',
  '    kod med fyra mellanslag',
  '\tkod med tabb',
  '# rubrik',
  '## rubrik',
  '> citat',
  '- punkt',
  '* punkt',
  '+ punkt',
  '1. numrerad',
  '2) numrerad',
  '```js',
  '~~~',
  '| a | b |',
  '|---|---|',
  '***',
  '___',
  '[länk](https://evil.example/login)',
  '![bild](https://evil.example/x.png)',
  '<https://evil.example>',
  'https://evil.example/login',
  'www.evil.example',
  'sara.herrman@fyrbodal.se',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '**fet** _kursiv_ ~~struken~~ `kod`',
  '&amp; &copy; &#65;',
  'slutar med bakstreck \\',
  '[ref]: https://evil.example',
  '//+.0 protokollrelativ',
  '|\n:-',
  'Beslut: §4 enligt 2027-03-18, 250 000 kr',
];
const typedText = fc.array(fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 30 })), { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n'));

it.each(LINES)('keeps %j as the text of one paragraph', (line) => {
  const html = md.render(toMarkdown([{ kind: 'paragraph', text: line }]));
  expect(tagsOf(html).filter((t) => t !== 'br')).toEqual(['p']);
  expect(textOf(html).trim()).toBe(asRead(line));
});

it('keeps any typed note as plain text in paragraphs, in every block that carries typed text', () => {
  fc.assert(
    fc.property(typedText, typedText, (note, title) => {
      const blocks: Block[] = [{ kind: 'paragraph', text: note }];
      const html = md.render(toMarkdown(blocks));
      expect(tagsOf(html).filter((t) => t !== 'p' && t !== 'br')).toEqual([]);
      expect(textOf(html).replace(/\n+/g, '\n').trim()).toBe(asRead(note));

      // In a list item, a heading and a table cell: only the block's own tag.
      const listHtml = md.render(toMarkdown([{ kind: 'list', items: [note] }]));
      expect(tagsOf(listHtml).filter((t) => !['ul', 'li', 'p', 'br'].includes(t))).toEqual([]);
      expect(tagsOf(listHtml).filter((t) => t === 'li')).toHaveLength(1);

      const headingHtml = md.render(toMarkdown([{ kind: 'heading', level: 2, text: title.replace(/\n/g, ' ') }]));
      expect(tagsOf(headingHtml)).toEqual(['h2']);

      const tableHtml = md.render(toMarkdown([{ kind: 'table', headers: ['A', 'B'], rows: [[note, title]] }]));
      expect(tagsOf(tableHtml).filter((t) => !['table', 'thead', 'tbody', 'tr', 'th', 'td'].includes(t))).toEqual([]);
      expect(tagsOf(tableHtml).filter((t) => t === 'td')).toHaveLength(2);
    }),
    { numRuns: 1000 },
  );
});
