/**
 * Decisions as written (heading and text, with or without §), notes with sub-headings and bullets, and
 * attachments with their dates, through the outline into Markdown, HTML and Word; and the Word file's
 * language, title and author.
 */
import JSZip from 'jszip';
import MarkdownIt from 'markdown-it';
import type { Attachment } from '../../../src/domain/attachment';
import type { Decision } from '../../../src/domain/decision';
import { assembleMinutes, publicContent, type MinutesContent, type MinutesRecords, type MinutesVersion } from '../../../src/domain/minutes';
import type { Note } from '../../../src/domain/note';
import { minutesRendering } from '../../../src/minutes';
import { toHtml } from '../../../src/minutes/html';
import { toMarkdown } from '../../../src/minutes/markdown';
import { minutesOutline } from '../../../src/minutes/outline';

const sara = { id: '29:sara', name: 'Sara Herrman' };
const at = (time: string) => `2020-11-27T${time}:00.000Z`;

const decision = (number: number, text: string, extra: Partial<Decision> = {}): Decision => ({
  id: `d${number}`, tenantId: 't', meetingId: 'm', number, text, recordedBy: sara, recordedAt: at(`10:${10 + number}`), agendaItem: 1, status: 'active', ...extra,
});
const aNote = (text: string, time = '10:05'): Note => ({ id: `n-${time}`, tenantId: 't', meetingId: 'm', agendaItem: 1, text, recordedBy: sara, recordedAt: at(time) });
const anAttachment = (title: string, addedAt: string, url?: string): Attachment => ({
  id: `a-${title}`, tenantId: 't', meetingId: 'm', title, ...(url ? { url } : {}), origin: 'command', addedBy: sara, addedAt,
});

function records(extra: Partial<MinutesRecords> = {}): MinutesRecords {
  return {
    groupName: 'Digital motor Fyrbodal',
    meeting: { id: 'm', tenantId: 't', teamsMeetingId: 'tm', conversationId: 'c', createdAt: at('09:00'), startsAt: at('10:00'), endsAt: at('11:00'), title: 'Taktisk styrgrupp' },
    agenda: [{ number: 1, type: 'D', title: 'Riskhantering', plannedStart: '11:00', responsible: 'Sara' }],
    attendance: { date: '2020-11-27', members: [], guests: [], rate: { present: 0, expected: 0 } },
    checkIns: [],
    notes: [],
    decisions: [],
    risksRaised: [],
    reviews: [],
    actions: [],
    carried: [],
    secretary: 'Sara Herrman',
    adjuster: 'Håkan Sundberg',
    ...extra,
  };
}
const version = (content: MinutesContent): MinutesVersion => ({
  id: 'v', tenantId: 't', meetingId: 'm', version: 1, content, contentHash: 'f'.repeat(64), status: 'draft', createdBy: { id: '29:titti', name: 'Titti Andersson' }, createdAt: at('12:00'),
});
const markdown = (c: MinutesContent, locale: 'sv' | 'en' = 'sv') => toMarkdown(minutesOutline({ version: version(c), content: c, locale, audience: 'internal' }));
const html = (c: MinutesContent, locale: 'sv' | 'en' = 'sv') => toHtml(minutesOutline({ version: version(c), content: c, locale, audience: 'internal' }), locale);
async function wordXml(c: MinutesContent, locale: 'sv' | 'en', audience: 'internal' | 'public' = 'internal') {
  const zip = await JSZip.loadAsync((await minutesRendering.render(version(c), 'docx', locale, audience)).body);
  const read = (name: string) => zip.file(name)!.async('string');
  return { document: await read('word/document.xml'), styles: await read('word/styles.xml'), core: await read('docProps/core.xml') };
}

describe('decisions as written', () => {
  const decisions = [decision(1, 'Svarstiden förlängs veckan ut.', { heading: 'Beslut om svarstid' }), decision(2, 'Sara och Johan tar fram ett konkret erbjudande')];

  it('numbered (the default): the heading as a sub-heading, then "Beslut: §n" and the text', () => {
    const c = assembleMinutes(records({ decisions }));
    expect(c.sections[0]!.decisions).toEqual([
      { paragraph: '§1', heading: 'Beslut om svarstid', text: 'Svarstiden förlängs veckan ut.', retracted: false },
      { paragraph: '§2', text: 'Sara och Johan tar fram ett konkret erbjudande', retracted: false },
    ]);
    expect(markdown(c)).toContain('### Beslut om svarstid\n\n**Beslut: §1** Svarstiden förlängs veckan ut.\n\n**Beslut: §2** Sara och Johan tar fram ett konkret erbjudande');
  });

  it('without numbering: "Beslut:" as the council writes it (seed 003), in every format', async () => {
    const c = assembleMinutes(records({ decisions, numberedDecisions: false }));
    expect(c.sections[0]!.decisions.map((d) => d.paragraph)).toEqual([undefined, undefined]);
    const md = markdown(c);
    expect(md).toContain('### Beslut om svarstid\n\n**Beslut:** Svarstiden förlängs veckan ut.\n\n**Beslut:** Sara och Johan tar fram ett konkret erbjudande');
    expect(md).not.toContain('§');
    expect(html(c, 'en')).toContain('<h3>Beslut om svarstid</h3>\n<p><strong>Decision:</strong> Svarstiden förlängs veckan ut.</p>');
    const { document } = await wordXml(c, 'sv');
    expect(document).toContain('Beslut om svarstid');
    expect(document).toContain('>Beslut: <');
    expect(document).not.toContain('§');
  });

  it('marks a retracted decision and keeps its heading', () => {
    const c = assembleMinutes(records({ decisions: [decision(1, 'Budgeten antas', { heading: 'Budget', status: 'retracted' })] }));
    expect(markdown(c, 'en')).toContain('### Budget\n\n**Decision: §1** Budgeten antas (retracted)');
  });
});

describe('notes with structure', () => {
  const note = ['Anette och Björn föredrar läget i Strömstad', '- Många jobbar hemma – fungerar bra', '- <script>alert(1)</script> [länk](https://evil.example)', '# Diskussion – **leveranser**', 'Leveranser fungerar bra.'].join('\n');
  const c = assembleMinutes(records({ notes: [aNote(note)] }));

  it('Markdown: a sub-heading, a bulleted list and paragraphs, every text escaped as before', () => {
    const md = markdown(c);
    expect(md).toContain(
      [
        'Anette och Björn föredrar läget i Strömstad',
        '- Många jobbar hemma – fungerar bra\n- \\<script\\>alert(1)\\</script\\> \\[länk\\](https:/\\/evil.example)',
        '### Diskussion – \\*\\*leveranser\\*\\*',
        'Leveranser fungerar bra.',
      ].join('\n\n'),
    );
    // Read back by a CommonMark renderer: only the structure's own tags, no link, emphasis or HTML from the note.
    const rendered = new MarkdownIt({ html: true, linkify: true }).render(md);
    expect(rendered).toContain('<h3>Diskussion – **leveranser**</h3>');
    expect(rendered).toContain('<ul>\n<li>Många jobbar hemma – fungerar bra</li>\n<li>&lt;script&gt;alert(1)&lt;/script&gt; [länk](https://evil.example)</li>\n</ul>');
    expect(rendered).not.toMatch(/<a |<script|<strong>leveranser/);
  });

  it('HTML: h3, ul and p, with the typed text escaped', () => {
    const page = html(c);
    expect(page).toContain('<p>Anette och Björn föredrar läget i Strömstad</p>\n<ul><li>Många jobbar hemma – fungerar bra</li><li>&#60;script&#62;alert(1)&#60;/script&#62; [länk](https://evil.example)</li></ul>\n<h3>Diskussion – **leveranser**</h3>\n<p>Leveranser fungerar bra.</p>');
    expect(page).not.toContain('<script>');
  });

  it('Word: a real heading and real bullets, the text as literal runs', async () => {
    const { document } = await wordXml(c, 'sv');
    const paragraphs = [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => p[0]);
    const subHeading = paragraphs.find((p) => p.includes('Diskussion – **leveranser**'))!;
    expect(subHeading).toContain('<w:pStyle w:val="Heading2"/>');
    const bullets = paragraphs.filter((p) => p.includes('<w:numPr>'));
    expect(bullets.map((p) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))).toEqual(
      expect.arrayContaining(['Många jobbar hemma – fungerar bra', '&lt;script&gt;alert(1)&lt;/script&gt; [länk](https://evil.example)']),
    );
    expect(document).not.toMatch(/<w:hyperlink|<w:fldSimple|<w:instrText/);
  });
});

describe('attachments', () => {
  const attachments = [
    anAttachment('Bilaga 2-Presentation av Snabbutredning', '2020-11-30T15:00:00.000Z', 'https://fyrbodal.sharepoint.com/personal/sara_herrman_fyrbodal_se/b2.pptx'),
    anAttachment('Bilaga 1-Presentation av möte', '2020-11-30T09:00:00.000Z'),
    // 23:30 UTC on 30 November is 1 December in Stockholm.
    anAttachment('Bilaga 3-Rapport', '2020-11-30T23:30:00.000Z', 'https://fyrbodal.sharepoint.com/sites/erad/b3.pdf'),
  ];
  const c = assembleMinutes(records({ attachments }));

  it('are listed under "Bilagor" with their Stockholm dates, oldest first, after who recorded and who approves', () => {
    const md = markdown(c);
    expect(md).toContain(
      [
        '**Antecknat av** Sara Herrman',
        '**Justeras av** Håkan Sundberg',
        '## Bilagor',
        [
          '- 2020-11-30 - Bilaga 1-Presentation av möte',
          '- 2020-11-30 - Bilaga 2-Presentation av Snabbutredning: https:/\\/fyrbodal.sharepoint.com/personal/sara\\_herrman\\_fyrbodal\\_se/b2.pptx',
          '- 2020-12-01 - Bilaga 3-Rapport: https:/\\/fyrbodal.sharepoint.com/sites/erad/b3.pdf',
        ].join('\n'),
      ].join('\n\n'),
    );
    expect(markdown(c, 'en')).toContain('## Attachments\n\n- 2020-11-30 - Bilaga 1-Presentation av möte');
  });

  it('keep the agenda items’ links first, without a date', () => {
    const withLinks = assembleMinutes(records({ attachments, agenda: [{ number: 1, type: 'D', title: 'Riskhantering', plannedStart: '11:00', links: ['https://example.org/risker'] }] }));
    expect(withLinks.attachments[0]).toEqual({ title: '1. Riskhantering', url: 'https://example.org/risker' });
    expect(markdown(withLinks)).toContain('## Bilagor\n\n- 1\\. Riskhantering: https:/\\/example.org/risker\n- 2020-11-30 - Bilaga 1');
  });

  it('leave their addresses out of the public version (a OneDrive path names its owner)', async () => {
    expect(publicContent(c).attachments).toEqual([
      { title: 'Bilaga 1-Presentation av möte', date: '2020-11-30' },
      { title: 'Bilaga 2-Presentation av Snabbutredning', date: '2020-11-30' },
      { title: 'Bilaga 3-Rapport', date: '2020-12-01' },
    ]);
    const { document } = await wordXml(c, 'sv', 'public');
    expect(document).toContain('2020-11-30 - Bilaga 2-Presentation av Snabbutredning');
    expect(document).not.toContain('sharepoint');
  });
});

describe('the Word file’s properties', () => {
  const c = assembleMinutes(records());

  it('is in Swedish (sv-SE) or English (en-GB): the default run language', async () => {
    expect((await wordXml(c, 'sv')).styles).toMatch(/<w:docDefaults>[\s\S]*<w:lang w:val="sv-SE"\/>[\s\S]*<\/w:docDefaults>/);
    expect((await wordXml(c, 'en')).styles).toMatch(/<w:docDefaults>[\s\S]*<w:lang w:val="en-GB"\/>[\s\S]*<\/w:docDefaults>/);
  });

  it('has the minutes’ title and the secretary as its author, never "Un-named"', async () => {
    const { core } = await wordXml(c, 'sv');
    expect(core).toContain('<dc:title>Minnesanteckningar – Digital motor Fyrbodal – 2020-11-27</dc:title>');
    expect(core).toContain('<dc:creator>Sara Herrman</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>Sara Herrman</cp:lastModifiedBy>');
    expect(core).not.toContain('Un-named');
  });

  it('without an appointed secretary, names who drafted the minutes', async () => {
    const { secretary: _none, ...rest } = records();
    const { core } = await wordXml(assembleMinutes(rest), 'en');
    expect(core).toContain('<dc:creator>Titti Andersson</dc:creator>');
    expect(core).toContain('<dc:title>Minutes – Digital motor Fyrbodal – 2020-11-27</dc:title>');
  });
});
