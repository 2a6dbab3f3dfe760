/** Card links to the tab: a Teams deep link to the personal tab, naming the page and group, with the tab's address as fallback. */
import fs from 'node:fs';
import path from 'node:path';
import { HOME_TAB_ENTITY_ID, teamsTabLinks } from '../../../src/links/tab-links';

const APP = '6f3d6a53-6b0e-4a43-9c0f-2a9a1c1e7a01';

it('links to the app’s personal tab with the page and group as its sub-page, and the tab’s own address outside Teams', () => {
  const link = new URL(teamsTabLinks(APP, 'https://radslag.example.org/').to('group-1', 'risks/risk-7'));
  expect(`${link.origin}${link.pathname}`).toBe(`https://teams.microsoft.com/l/entity/${APP}/${HOME_TAB_ENTITY_ID}`);
  expect(JSON.parse(link.searchParams.get('context')!)).toEqual({ subEntityId: 'risks/risk-7?group=group-1' });
  expect(link.searchParams.get('webUrl')).toBe('https://radslag.example.org/tab/risks/risk-7?group=group-1');
  expect(link.searchParams.get('label')).toBe('Rådslag');
});

it('names the personal tab the manifest declares, and sub-pages the tab knows how to open', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'appPackage', 'manifest.json'), 'utf8')) as { staticTabs: Array<{ entityId: string }> };
  expect(manifest.staticTabs.map((t) => t.entityId)).toContain(HOME_TAB_ENTITY_ID);
  // The tab's router (tab/src/router.ts, deepLinkTarget) takes exactly this form.
  const router = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'tab', 'src', 'router.ts'), 'utf8');
  const pattern = new RegExp(/const m = \/(.+)\/\.exec\(subPageId/.exec(router)![1]!.replace(/\\\\/g, '\\'));
  for (const page of ['risks', 'decisions', 'attendance', 'risks/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'] as const) {
    const sub = (JSON.parse(new URL(teamsTabLinks(APP, 'https://x').to('7ca65aa9-b628-4599-bf54-9678965df801', page)).searchParams.get('context')!) as { subEntityId: string }).subEntityId;
    expect({ sub, opens: pattern.test(sub) }).toEqual({ sub, opens: true });
  }
});

it('links to the meeting page of one meeting, in a form the tab’s router opens', () => {
  const link = new URL(teamsTabLinks(APP, 'https://radslag.example.org').toMeeting('7ca65aa9-b628-4599-bf54-9678965df801', 'f2b9c1d0-1111-4a2b-9c3d-4e5f6a7b8c9d'));
  const sub = (JSON.parse(link.searchParams.get('context')!) as { subEntityId: string }).subEntityId;
  expect(sub).toBe('meeting?group=7ca65aa9-b628-4599-bf54-9678965df801&meeting=f2b9c1d0-1111-4a2b-9c3d-4e5f6a7b8c9d');
  expect(link.searchParams.get('webUrl')).toBe(`https://radslag.example.org/tab/${sub}`);
  const router = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'tab', 'src', 'router.ts'), 'utf8');
  const pattern = new RegExp(/const m = \/(.+)\/\.exec\(subPageId/.exec(router)![1]!.replace(/\\\\/g, '\\'));
  expect(pattern.test(sub)).toBe(true);
});
