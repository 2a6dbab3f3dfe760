/**
 * The minutes without I/O: assembling the content from records, the public export, the canonical JSON
 * behind the hash, and the three renderers showing recorded text as text.
 */
import JSZip from 'jszip';
import { assembleMinutes, canonicalJson, publicContent, withoutContactDetails, type MinutesContent, type MinutesRecords, type MinutesVersion } from '../../../src/domain/minutes';
import { hmacDownloadLinks } from '../../../src/links/download-link-token';
import { hmacLinkTokens } from '../../../src/links/personal-link-token';
import { minutesRendering } from '../../../src/minutes';
import { toMarkdown } from '../../../src/minutes/markdown';
import { minutesOutline } from '../../../src/minutes/outline';
import type { Member } from '../../../src/domain/group';
import type { MemberAttendance } from '../../../src/domain/attendance';

const sara = { id: '29:sara', aadObjectId: 'aad-sara', name: 'Sara Herrman', email: 'sara.herrman@fyrbodal.se' };
const hakan = { id: '29:hakan', aadObjectId: 'aad-hakan', name: 'Håkan Sundberg' };
const pia = { id: '29:pia', name: 'Pia Carlsson' };
const johan = { id: '29:johan', name: 'Johan Högne' };

const member = (person: Member['person'], organisation: string, role: Member['role'] = 'member'): Member => ({ id: `m-${person.id}`, tenantId: 't', groupId: 'g', person, organisation, role, from: '2026-01-01' });
const attending = (m: Member, status: MemberAttendance['status']): MemberAttendance => ({ member: m, status, seconds: 0, reason: 'report', counted: m.role !== 'coopted', checkedIn: false, gaveNotice: status === 'excused' });

function records(extra: Partial<MinutesRecords> = {}): MinutesRecords {
  const saraM = member(sara, 'Fyrbodals kommunalförbund', 'organizer');
  const hakanM = member(hakan, 'Munkedals kommun');
  return {
    groupName: 'E-råd Fyrbodal',
    meeting: { id: 'meeting-1', tenantId: 't', teamsMeetingId: 'tm', conversationId: 'c', createdAt: '2027-01-01T00:00:00.000Z', startsAt: '2027-02-11T08:00:00.000Z', endsAt: '2027-02-11T11:00:00.000Z', title: 'E-rådsmöte februari', groupId: 'g' },
    agenda: [
      { number: 2, type: 'D', title: 'Riskhantering', plannedStart: '10:00', responsible: 'Sara' },
      { number: 1, type: 'I', title: 'Incheckning', plannedStart: '09:00' },
    ],
    attendance: {
      date: '2027-02-11',
      members: [attending(hakanM, 'present'), attending(saraM, 'present'), attending(member(pia, 'Åmåls kommun'), 'excused'), attending(member(johan, 'Centigo AB', 'coopted'), 'present')],
      guests: [{ displayName: 'Gäst Gästsson', seconds: 600, role: 'Attendee', organisation: 'VästKom' }, { displayName: 'Anna', seconds: 600, role: 'Attendee', ambiguousWith: ['a', 'b'] }],
      rate: { present: 2, expected: 3, value: 2 / 3 },
    },
    checkIns: [{ person: hakan, mood: 'good', text: 'Bra', inRoom: false, answeredAt: '2027-02-11T08:05:00.000Z', via: 'card' }],
    notes: [
      { id: 'n2', tenantId: 't', meetingId: 'meeting-1', agendaItem: 2, text: 'Andra', recordedBy: sara, recordedAt: '2027-02-11T09:10:00.000Z' },
      { id: 'n1', tenantId: 't', meetingId: 'meeting-1', agendaItem: 2, text: 'Första', recordedBy: sara, recordedAt: '2027-02-11T09:05:00.000Z' },
      { id: 'n3', tenantId: 't', meetingId: 'meeting-1', text: 'Utan punkt', recordedBy: sara, recordedAt: '2027-02-11T09:20:00.000Z' },
    ],
    decisions: [
      { id: 'd2', tenantId: 't', meetingId: 'meeting-1', number: 2, text: 'Återkallat beslut', recordedBy: sara, recordedAt: '2027-02-11T09:30:00.000Z', agendaItem: 2, status: 'retracted' },
      { id: 'd1', tenantId: 't', meetingId: 'meeting-1', number: 1, text: 'Godkänt', recordedBy: sara, recordedAt: '2027-02-11T09:25:00.000Z', agendaItem: 2, status: 'active' },
    ],
    risksRaised: [
      {
        id: 'r1', tenantId: 't', registerId: 'reg', number: 4, threat: 'Vikande intresse', probability: 3, impact: 4, actionNeeded: true, action: 'Förankra', status: 'open',
        meetingId: 'meeting-1', agendaItem: 2, raisedBy: sara, raisedAt: '2027-02-11T09:40:00.000Z', raised: { probability: 5, impact: 4 },
      },
    ],
    reviews: [],
    actions: [{ id: 'a1', tenantId: 't', meetingId: 'meeting-1', agendaItem: 2, text: 'Skicka planen', owner: 'Sara', due: '2027-03-18', status: 'open', createdBy: sara, createdAt: '2027-02-11T09:50:00.000Z' }],
    carried: [{ action: { id: 'a0', tenantId: 't', meetingId: 'meeting-0', text: 'Gammal åtgärd', status: 'open', createdBy: sara, createdAt: '2026-12-01T09:00:00.000Z' }, fromDate: '2026-12-01' }],
    secretary: 'Sara Herrman',
    adjuster: 'Håkan Sundberg',
    ...extra,
  };
}

describe('assembleMinutes', () => {
  const c = assembleMinutes(records());

  it('gives the meeting information in Stockholm time', () => {
    expect(c).toMatchObject({ groupName: 'E-råd Fyrbodal', meetingTitle: 'E-rådsmöte februari', date: '2027-02-11', startTime: '09:00', endTime: '12:00', place: 'teams' });
  });

  it('lists present and excused members by organisation, co-opted members and guests apart, an ambiguous guest not at all', () => {
    expect(c.present.map((p) => p.name)).toEqual(['Sara Herrman', 'Håkan Sundberg']);
    expect(c.present[0]).toEqual({ name: 'Sara Herrman', organisation: 'Fyrbodals kommunalförbund', email: 'sara.herrman@fyrbodal.se' });
    expect(c.excused).toEqual([{ name: 'Pia Carlsson', organisation: 'Åmåls kommun' }]);
    expect(c.coopted).toEqual([{ name: 'Johan Högne', organisation: 'Centigo AB' }, { name: 'Gäst Gästsson', organisation: 'VästKom' }]);
  });

  it('puts each record under its item, in the order recorded; check-ins under the check-in item; carried actions under the first item', () => {
    expect(c.agenda.map((i) => i.number)).toEqual([1, 2]);
    const [one, two, other] = c.sections;
    expect(one).toMatchObject({ number: 1, checkIns: [{ name: 'Håkan Sundberg', organisation: 'Munkedals kommun', mood: 'good', text: 'Bra' }], actions: [{ text: 'Gammal åtgärd', carriedFrom: '2026-12-01', done: false }] });
    expect(two!.notes).toEqual(['Första', 'Andra']);
    expect(two!.decisions).toEqual([{ paragraph: '§1', text: 'Godkänt', retracted: false }, { paragraph: '§2', text: 'Återkallat beslut', retracted: true }]);
    expect(two!.actions).toEqual([{ text: 'Skicka planen', owner: 'Sara', due: '2027-03-18', done: false }]);
    expect(other).toMatchObject({ number: 0, notes: ['Utan punkt'] });
  });

  it('shows a risk with the S and K it was raised with, R = S×K, whatever later reviews did to the register', () => {
    expect(c.sections[1]!.risksRaised).toEqual([{ code: 'R4', threat: 'Vikande intresse', probability: 5, impact: 4, score: 20, actionNeeded: true, action: 'Förankra' }]);
  });

  it('leaves out the "other records" section when everything has an item, and states an override of the charter', () => {
    const tidy = assembleMinutes(records({ notes: [], meeting: { ...records().meeting, override: { rule: 'NOTICE_PERIOD', reason: 'Extra möte', byName: 'Sara Herrman' } } }));
    expect(tidy.sections.map((s) => s.number)).toEqual([1, 2]);
    expect(tidy.overrides).toEqual([{ rule: 'NOTICE_PERIOD', reason: 'Extra möte', byName: 'Sara Herrman' }]);
    const md = toMarkdown(minutesOutline({ version: aVersion(tidy), content: tidy, locale: 'sv', audience: 'internal' }));
    expect(md).toContain('## Avsteg från uppdragshandlingen\n\n- kallelse senast 14 dagar före: Extra möte (beslutat av Sara Herrman)');
  });
});

describe('the public export and the hash', () => {
  it('masks e-mail addresses and phone numbers, keeps dates, paragraph numbers and amounts', () => {
    expect(withoutContactDetails('Ring 070-123 45 67 eller +46 70 123 45 67 eller 08-123 456 78, mejla sara.herrman@fyrbodal.se')).toBe('Ring […] eller […] eller […], mejla […]');
    expect(withoutContactDetails('Beslut 2027-03-18 enligt §4, budget 250 000 kr')).toBe('Beslut 2027-03-18 enligt §4, budget 250 000 kr');
  });

  it('drops e-mail from every list and masks contact details in every recorded text', () => {
    const c = assembleMinutes(records({ notes: [{ id: 'n', tenantId: 't', meetingId: 'meeting-1', agendaItem: 2, text: 'Kontakt: hakan@munkedal.se', recordedBy: sara, recordedAt: '2027-02-11T09:05:00.000Z' }] }));
    const p = publicContent(c);
    expect(JSON.stringify(p)).not.toMatch(/@/);
    expect(p.sections[1]!.notes).toEqual(['Kontakt: […]']);
    expect(c.sections[1]!.notes).toEqual(['Kontakt: hakan@munkedal.se']);
  });

  it('has one canonical JSON for the same content, whatever the key order or undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: 'x' }] })).toBe(canonicalJson({ a: [1, { c: 'x' }], b: 1 }));
    const c = assembleMinutes(records());
    expect(minutesRendering.hash(c)).toBe(minutesRendering.hash(JSON.parse(JSON.stringify(c)) as MinutesContent));
    expect(minutesRendering.hash(c)).not.toBe(minutesRendering.hash({ ...c, date: '2027-02-12' }));
  });
});

const HOSTILE = '**fet** [länk](http://x) <img src=x onerror=alert(1)> # rubrik | rör { DDE "cmd" } { HYPERLINK "http://x" }';

function aVersion(content: MinutesContent, extra: Partial<MinutesVersion> = {}): MinutesVersion {
  return { id: 'v', tenantId: 't', meetingId: 'meeting-1', version: 1, content, contentHash: 'f'.repeat(64), status: 'draft', createdBy: sara, createdAt: '2027-02-11T12:00:00.000Z', ...extra };
}

describe('recorded text is shown as text in every format', () => {
  const content = assembleMinutes(records({ decisions: [{ id: 'd', tenantId: 't', meetingId: 'meeting-1', number: 1, text: HOSTILE, recordedBy: sara, recordedAt: '2027-02-11T09:25:00.000Z', agendaItem: 2, status: 'active' }] }));
  const version = aVersion(content);

  it('Markdown escapes the characters that would make markup, links, headings or table cells', async () => {
    const md = (await minutesRendering.render(version, 'md', 'en', 'internal')).body.toString('utf8');
    expect(md).toContain('**Decision: §1** \\*\\*fet\\*\\* \\[länk\\](http:/\\/x) \\<img src=x onerror=alert(1)\\> # rubrik \\| rör { DDE "cmd" }');
    expect(md).not.toMatch(/(^|[^\\])<img/);
  });

  it('HTML escapes everything typed', async () => {
    const html = (await minutesRendering.render(version, 'html', 'sv', 'internal')).body.toString('utf8');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('<html lang="sv">');
  });

  it('Word keeps field codes and markup as literal text runs: no field, no hyperlink', async () => {
    const file = await minutesRendering.render(version, 'docx', 'en', 'internal');
    const xml = await (await JSZip.loadAsync(file.body)).file('word/document.xml')!.async('string');
    expect(xml).toContain('{ DDE &quot;cmd&quot; }');
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(xml).not.toMatch(/<w:fldSimple|<w:fldChar|<w:instrText|<w:hyperlink/);
    expect(file.fileName).toBe('minutes-e-rad-fyrbodal-2027-02-11-v1.docx');
  });

  it('names the public file apart and leaves out contact details in Word too', async () => {
    const file = await minutesRendering.render(version, 'docx', 'sv', 'public');
    expect(file.fileName).toBe('minnesanteckningar-e-rad-fyrbodal-2027-02-11-v1-offentlig.docx');
    const xml = await (await JSZip.loadAsync(file.body)).file('word/document.xml')!.async('string');
    expect(xml).not.toContain('sara.herrman@fyrbodal.se');
    expect(xml).toContain('Offentlig version');
  });

  it('states who approved and when once approved, and who is to approve before', () => {
    const draft = toMarkdown(minutesOutline({ version, content, locale: 'en', audience: 'internal' }));
    expect(draft).toContain('**To be approved by** Håkan Sundberg');
    const approved = toMarkdown(minutesOutline({ version: { ...version, status: 'approved', approvedBy: hakan, approvedAt: '2027-02-12T09:30:00.000Z' }, content, locale: 'sv', audience: 'internal' }));
    expect(approved).toContain('**Justerat av** Håkan Sundberg, 2027-02-12 10:30');
    expect(approved).toContain('Version 1 · justerad');
  });
});

describe('download links', () => {
  const links = hmacDownloadLinks('a signing key of some length');
  const claims = { tenantId: 't', versionId: 'v1', format: 'docx' as const, locale: 'sv' as const, public: false, expiresAt: new Date('2027-02-18T12:00:00.000Z') };
  const now = new Date('2027-02-11T12:00:00.000Z');

  it('reads back what was signed, until it expires', () => {
    const token = links.issue(claims);
    expect(links.read(token, now)).toEqual({ ok: true, claims });
    expect(links.read(token, new Date('2027-02-18T12:00:00.000Z'))).toEqual({ ok: false, refusal: 'expired' });
  });

  it('refuses any changed character, another key, and a personal-link token', () => {
    const token = links.issue(claims);
    for (let i = 0; i < token.length; i += 7) {
      const c = token[i] === 'A' ? 'B' : 'A';
      const changed = token.slice(0, i) + c + token.slice(i + 1);
      if (changed !== token) expect(links.read(changed, now).ok).toBe(false);
    }
    expect(hmacDownloadLinks('another key').read(token, now)).toEqual({ ok: false, refusal: 'forged' });
    // A personal link signed with the very same key is not a download link (each kind signs its own context).
    const personal = hmacLinkTokens('a signing key of some length').issue({ tenantId: 't', meetingId: 'meeting-1', memberId: 'm', kind: 'notice', expiresAt: new Date('2027-02-18T12:00:00.000Z') });
    expect(links.read(personal, now)).toEqual({ ok: false, refusal: 'forged' });
    // The public and the internal download of one version are different links, each read as what it is.
    const publicOne = links.issue({ ...claims, public: true });
    expect(publicOne).not.toBe(token);
    expect(links.read(publicOne, now)).toMatchObject({ ok: true, claims: { public: true } });
    expect(links.read('garbage', now)).toEqual({ ok: false, refusal: 'malformed' });
  });
});
