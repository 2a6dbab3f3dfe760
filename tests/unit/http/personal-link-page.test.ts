/** The personal-link page as a pure view: everything people typed is escaped, and the language is chosen as documented. */
import type { LinkPageView } from '../../../src/app/personal-link-service';
import { linkPage, refusedPage } from '../../../src/http/personal-link-page';
import { pageLocale } from '../../../src/http/personal-link-routes';
import { translator } from '../../../src/i18n';

const hostile = '<img src=x onerror=alert(1)>"\'&`';
const escaped = '&#60;img src=x onerror=alert(1)&#62;&#34;&#39;&#38;&#96;';
const view = (over: Partial<LinkPageView> = {}): LinkPageView => ({ kind: 'notice', personName: hostile, meetingTitle: hostile, groupName: `G ${hostile}`, ...over });
const sv = { t: translator('sv'), locale: 'sv' as const, action: 'tok.en' };

it('escapes names, titles, notes and typed values wherever they appear', () => {
  const notice = linkPage(view({ notice: { attending: false, note: hostile } }), sv);
  const again = linkPage(view(), { ...sv, values: { attending: 'no', note: hostile }, problem: hostile });
  const checkin = linkPage(view({ kind: 'checkin', checkIn: { mood: 'ok', text: hostile, inRoom: false } }), { ...sv, stored: true });
  for (const html of [notice, again, checkin]) {
    expect(html).not.toContain('<img');
    expect(html).toContain(escaped);
    expect(html).not.toMatch(/<script|<link|<iframe|https?:/i);
  }
  expect(again).toContain(`<textarea id="note" name="note" rows="3" maxlength="500">${escaped}</textarea>`);
  expect(again).toContain('id="attending-no" name="attending" value="no" checked');
});

it('labels every field and groups the choices, in the page’s language', () => {
  const html = linkPage(view({ personName: 'Pia', meetingTitle: 'E-råd', groupName: 'E-råd', when: { date: '2027-02-10', start: '09:00', end: '12:00' } }), sv);
  expect(html).toContain('<html lang="sv">');
  expect(html).toContain('<fieldset><legend>Kommer du?</legend>');
  expect(html).toContain('<label for="attending-yes">Jag kommer</label>');
  expect(html).toContain('<label for="note">Kommentar (valfri)</label>');
  expect(html).toContain('<p class="meta">E-råd<br>onsdag 2027-02-10, 09:00–12:00 (svensk tid)</p>');
  expect(html).toContain('<label for="substitute">Ersättare om du inte kan komma (valfritt)</label>');
  expect(html).toContain('<form method="post" action="tok.en">');
});

it('says plainly why a link is refused, and that nothing was stored', () => {
  const html = refusedPage('expired', translator('en'), 'en');
  expect(html).toContain('<h1>This link has expired</h1>');
  expect(html).toContain('Nothing was stored.');
  expect(html).not.toContain('<form');
  expect(refusedPage('unavailable', translator('en'), 'en')).not.toContain('Nothing was stored.');
});

it.each([
  ['/p/x?lang=en', undefined, 'en', true],
  ['/p/x?lang=sv', 'en-GB', 'sv', true],
  ['/p/x?lang=fi', 'en-GB,en;q=0.9', 'en', false],
  ['/p/x', undefined, 'sv', false],
  ['/p/x', '*', 'sv', false],
  ['/p/x', 'de-DE,en;q=0.5,sv;q=0.7', 'sv', false],
  ['/p/x', 'sv;q=0,en;q=0.1', 'en', false],
  ['/p/x', 'EN-us', 'en', false],
])('chooses the language of %s with Accept-Language %s', (url, accept, locale, asked) => {
  expect(pageLocale(url, accept)).toEqual({ locale, asked });
});

it('names the group and its kind, the council a preparation group prepares for, the weekday, the join link and the agenda, and keeps a named substitute', () => {
  const html = linkPage(
    view({
      personName: 'Pia',
      meetingTitle: 'Vintermöte',
      groupName: 'Beredning e-råd',
      groupKind: 'preparation',
      preparesFor: 'E-råd Fyrbodal',
      when: { date: '2027-02-10', start: '09:00', end: '12:00' },
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/x?a=1&b=2',
      agenda: [
        { kind: 'item', text: '1. [D] Budget — Sara', start: '09:00' },
        { kind: 'break', start: '10:30' },
      ],
      notice: { attending: false, substitute: `Per ${hostile}` },
    }),
    { ...sv, t: translator('en'), locale: 'en' },
  );
  expect(html).toContain('<p class="meta">Beredning e-råd (preparation group)<br>Prepares the meeting of E-råd Fyrbodal<br>Wednesday 2027-02-10, 09:00–12:00 (Swedish time)<br><a href="https://teams.microsoft.com/l/meetup-join/x?a=1&#38;b=2">Join the Teams meeting</a></p>');
  expect(html).toContain('<li>09:00 1. [D] Budget — Sara</li><li>10:30 BREAK</li>');
  expect(html).toContain(`value="Per ${escaped}"`);
  expect(html).toContain(`substitute: Per ${escaped}`);
  expect(html).not.toContain('<img');
});
