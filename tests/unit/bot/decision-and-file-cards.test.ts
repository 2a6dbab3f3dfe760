/** The decision cards with a heading and without § numbers, the numbering switch, a structured note, and files shared in a chat. */
import type { AdaptiveCard } from '../../../bot/cards/card';
import { attachmentCard, RECORD_FILES_VERB, sharedFilesCard } from '../../../bot/cards/attachment.card';
import { decisionListCard } from '../../../bot/cards/decision-list.card';
import { decisionCard, numberingCard, SET_NUMBERING_VERB } from '../../../bot/cards/decision.card';
import { noteCard } from '../../../bot/cards/note.card';
import { MAX_SHARED_FILES, sharedFiles } from '../../../bot/shared-files';
import type { Attachment } from '../../../src/domain/attachment';
import { translator } from '../../../src/i18n';
import { aDecision, aRetractedDecision } from '../../helpers/builders';

type Json = Record<string, unknown>;
const objectsOf = (node: unknown): Json[] =>
  Array.isArray(node) ? node.flatMap(objectsOf) : node && typeof node === 'object' ? [node as Json, ...Object.values(node).flatMap(objectsOf)] : [];
const runs = (c: AdaptiveCard): Json[] => objectsOf(c.body).filter((o) => o.type === 'TextRun' || o.type === 'TextBlock');
const texts = (c: AdaptiveCard): string[] => runs(c).map((o) => String(o.text));
const executes = (c: AdaptiveCard): Json[] => objectsOf(c).filter((o) => o.type === 'Action.Execute');
const en = translator('en');
const sv = translator('sv');

describe('decisionCard and decisionListCard', () => {
  it('show the heading in bold before the text, as TextRuns', () => {
    const c = decisionCard(aDecision({ heading: 'Beslut om **förstudien**', text: 'Direktivet ändras' }), 'card-1', en, 'en');
    const typed = runs(c).filter((o) => o.type === 'TextRun' && o.size !== 'Medium');
    expect(typed.slice(0, 2)).toEqual([expect.objectContaining({ text: 'Beslut om **förstudien**', weight: 'Bolder' }), expect.objectContaining({ text: 'Direktivet ändras' })]);
    expect(texts(c)).toContain('Decision §1');
  });

  it('without numbering say "Beslut" and show no § anywhere, retracted ones struck through', () => {
    const c = decisionCard(aRetractedDecision({ heading: 'Budget' }), 'card-1', sv, 'sv', false);
    expect(texts(c)[0]).toBe('Beslut');
    expect(JSON.stringify(c)).not.toContain('§');
    expect(runs(c)).toContainEqual(expect.objectContaining({ text: 'Budget', strikethrough: true }));
    const list = decisionListCard([aDecision({ heading: 'Budget' }), aDecision({ id: 'd2', number: 2, text: 'Andra' })], sv, { cardId: 'c' }, false);
    expect(JSON.stringify(list)).not.toContain('§');
    expect(texts(list)).toEqual(expect.arrayContaining(['Budget', 'Andra']));
    expect(texts(decisionListCard([aDecision()], sv, { cardId: 'c' }))).toContain('§1');
  });
});

describe('numberingCard', () => {
  it('says what the group writes and offers the other setting', () => {
    const on = numberingCard('E-råd Fyrbodal', true, 'card-1', sv);
    expect(texts(on)).toContain('Beslut i ”E-råd Fyrbodal” numreras: Beslut §1, §2, … på kort, i listor, i fliken och i minnesanteckningarna.');
    expect(executes(on)).toEqual([{ type: 'Action.Execute', title: 'Skriv beslut utan nummer', verb: SET_NUMBERING_VERB, data: { cardId: 'card-1', numbered: false } }]);
    const off = numberingCard('E-råd Fyrbodal', false, 'card-1', en, 'Sara Herrman');
    expect(texts(off)).toEqual(expect.arrayContaining(['Decisions in “E-råd Fyrbodal” are written without a number: “Decision:” on cards, in lists, in the tab and in the minutes.', 'Changed by Sara Herrman']));
    expect(executes(off)[0]).toMatchObject({ title: 'Number decisions (§)', data: { numbered: true } });
  });
});

describe('noteCard', () => {
  it('shows sub-headings in bold and bullets as items, the text as typed', () => {
    const c = noteCard({ id: 'n', tenantId: 't', meetingId: 'm', text: 'Läget\n- Många jobbar hemma\n- **fet**\n# Diskussion', recordedBy: { id: '29:s', name: 'Sara' }, recordedAt: '2027-02-10T08:30:00.000Z' }, en, 'en');
    expect(texts(c).slice(1, 5)).toEqual(['Läget', '• Många jobbar hemma', '• **fet**', 'Diskussion']);
    expect(runs(c)).toContainEqual(expect.objectContaining({ type: 'TextRun', text: 'Diskussion', weight: 'Bolder' }));
  });
});

const FILE_1 = { name: 'Bilaga 1-Presentation av möte.pptx', url: 'https://fyrbodal.sharepoint.com/sites/erad/Delade%20dokument/b1.pptx' };
const FILE_2 = { name: 'Rapport.pdf', url: 'https://fyrbodal.sharepoint.com/sites/erad/Delade%20dokument/rapport.pdf' };
const recordedFile: Attachment = { id: 'a1', tenantId: 't', meetingId: 'm', agendaItem: 3, title: 'Bilaga 1-Presentation av möte', url: FILE_1.url, origin: 'chatFile', addedBy: { id: '29:s', name: 'Sara Herrman' }, addedAt: '2027-02-10T08:30:00.000Z' };

describe('sharedFilesCard', () => {
  it('offers every file not yet recorded with a toggle, and one button carrying the files’ names and addresses', () => {
    const c = sharedFilesCard([FILE_1, FILE_2], new Map(), 'card-1', en, 'en');
    expect(objectsOf(c.body).filter((o) => o.type === 'Input.Toggle').map((o) => [o.id, o.title, o.value])).toEqual([
      ['file0', FILE_1.name, 'true'],
      ['file1', FILE_2.name, 'true'],
    ]);
    expect(executes(c)).toEqual([{ type: 'Action.Execute', title: 'Record the chosen files', verb: RECORD_FILES_VERB, data: { cardId: 'card-1', files: [FILE_1, FILE_2] } }]);
    expect(executes(sharedFilesCard([FILE_2], new Map(), 'card-1', sv, 'sv'))[0]).toMatchObject({ title: 'Spara ”Rapport.pdf”' });
  });

  it('marks a recorded file with who and when, and has no button once all are recorded', () => {
    const c = sharedFilesCard([FILE_1, FILE_2], new Map([[FILE_1.url, recordedFile]]), 'card-1', en, 'en');
    expect(texts(c)).toContain('Recorded as an attachment · Item 3 · Added by Sara Herrman · 10/02/2027, 09:30');
    expect(objectsOf(c.body).filter((o) => o.type === 'Input.Toggle').map((o) => o.id)).toEqual(['file1']);
    const done = sharedFilesCard([FILE_1], new Map([[FILE_1.url, recordedFile]]), 'card-1', en, 'en');
    expect(executes(done)).toEqual([]);
    expect(texts(done)).not.toContain(en('files.intro'));
  });

  it('attachmentCard shows the title, the address and who added it', () => {
    expect(texts(attachmentCard(recordedFile, sv, 'sv'))).toEqual(['Bilaga', 'Bilaga 1-Presentation av möte', FILE_1.url, 'Punkt 3 · Tillagd av Sara Herrman · 2027-02-10 09:30']);
  });
});

describe('sharedFiles', () => {
  it('reads the files of a chat message (reference) and of a personal chat (download info), by their place, never the download link', () => {
    const files = sharedFiles({
      attachments: [
        { contentType: 'text/html', content: '<p>Här är presentationen</p>' },
        { contentType: 'reference', contentUrl: FILE_1.url, name: FILE_1.name },
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          contentUrl: FILE_2.url,
          name: FILE_2.name,
          content: { downloadUrl: 'https://fyrbodal-my.sharepoint.com/personal/download.aspx?tempauth=secret', uniqueId: 'u', fileType: 'pdf' },
        },
      ],
    });
    expect(files).toEqual([FILE_1, FILE_2]);
    expect(JSON.stringify(files)).not.toContain('tempauth');
  });

  it('leaves out what is not an https file with a name, each address once, at most eight', () => {
    expect(sharedFiles({})).toEqual([]);
    expect(
      sharedFiles({
        attachments: [
          { contentType: 'application/vnd.microsoft.card.adaptive', content: {} },
          { contentType: 'reference', contentUrl: 'http://intranet/b.docx', name: 'b.docx' },
          { contentType: 'reference', contentUrl: 'javascript:alert(1)', name: 'x' },
          { contentType: 'reference', contentUrl: FILE_1.url, name: '  ' },
          { contentType: 'reference', contentUrl: FILE_2.url, name: FILE_2.name },
          { contentType: 'reference', contentUrl: FILE_2.url, name: 'again.pdf' },
        ],
      }),
    ).toEqual([FILE_2]);
    const many = Array.from({ length: 12 }, (_, i) => ({ contentType: 'reference', contentUrl: `https://x.sharepoint.com/${i}.pdf`, name: `${i}.pdf` }));
    expect(sharedFiles({ attachments: many })).toHaveLength(MAX_SHARED_FILES);
  });
});
