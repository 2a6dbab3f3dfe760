/**
 * A reminder to a representative Teams cannot reach (a roster row from an import: no Teams account) goes
 * as their personal assessment link by e-mail through Graph, from the organizer who set the group up;
 * the link opens the assessment page for their organisation. The app runs as its own process with the
 * HTTPS fakes of Entra ID and Graph, and tab tokens from a local OpenID provider.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config';
import type { MeView, ReminderResult } from '../../src/contract/tab-api';
import { createRepositories, openStore, type OpenStore } from '../../src/store';
import { cardOf, cardText } from '../fakes/bot-connector';
import { FakeOpenIdProvider } from '../fakes/openid-provider';
import { aGroupChat, aMessage, people, TENANT } from '../helpers/activities';
import { GRAPH_CLIENT_ID, useGraphApp } from '../helpers/graph-harness';
import { postActivity } from '../helpers/test-app';

const idp = new FakeOpenIdProvider();
// Local mode refuses an https public address (that would be a deployment): links go to http here.
const BASE = 'http://radslag.example.org';
beforeAll(() => idp.start());
afterAll(() => idp.stop());
const h = useGraphApp({
  PUBLIC_BASE_URL: BASE,
  // Read when the app starts, after the provider has its port.
  get AAD_APP_OPENID_METADATA_URL() {
    return idp.metadataUrl(TENANT);
  },
});
let store: OpenStore;
beforeAll(async () => {
  store = await openStore(loadConfig({ env: { DATABASE_URL: h.db.url } }).store);
});
afterAll(() => store?.close());

const api = async (method: string, path: string, body?: unknown) => {
  const token = idp.userToken({ tenantId: TENANT, oid: people.sara.aadObjectId, name: people.sara.name, audience: GRAPH_CLIENT_ID });
  const res = await fetch(`${h.app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) };
};

it('mails the personal link to a representative without a Teams account; the link opens their organisation’s form', async () => {
  h.teams.members = [people.sara, people.hakan];
  const chat = aGroupChat();
  expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text: '/setup Kartgruppen' }))).status).toBe(200);
  expect(cardText(cardOf(h.teams.sent().at(-1)))).toContain('is set up');

  // Eva came in through the roster import: a name, an e-mail and an organisation, no Teams account.
  const repos = createRepositories(store);
  const group = (await repos.groups.findByName(TENANT, 'Kartgruppen'))!;
  await repos.groups.addMember({ tenantId: TENANT, groupId: group.id, person: { id: '', name: 'Eva Grann', email: 'eva@grannkommun.se' }, organisation: 'Dals-Ed', role: 'member', from: '2020-01-01' });

  const me = (await api('GET', '/api/tab/me')).body as MeView;
  expect(me.groups.map((g) => g.id)).toContain(group.id);
  const imported = await api('POST', `/api/tab/groups/${group.id}/capabilities/import`, { requestId: randomUUID(), format: 'csv', content: 'code,area,name\n1.1,Ledning,Digital strategi\n1.2,Ledning,Nyttorealisering' });
  expect(imported).toEqual({ status: 200, body: { imported: 2, updated: 0, repeated: false } });

  const reminded = await api('POST', `/api/tab/groups/${group.id}/capabilities/reminders`, { requestId: randomUUID(), organisation: 'Dals-Ed' });
  expect(reminded.status).toBe(202);
  expect(reminded.body).toMatchObject({ organisation: 'Dals-Ed', sentTo: ['Eva Grann'], unreachable: [] } satisfies Partial<ReminderResult>);
  expect(h.teams.direct()).toEqual([]);

  expect(h.graph.sentMail).toHaveLength(1);
  const mail = h.graph.sentMail[0]!;
  expect(mail.from).toBe(people.sara.aadObjectId);
  const message = mail.message as { subject: string; toRecipients: Array<{ emailAddress: { address: string } }>; body: { content: string } };
  expect(message.subject).toBe('Capability assessment for Dals-Ed');
  expect(message.toRecipients[0]!.emailAddress.address).toBe('eva@grannkommun.se');
  const link = new RegExp(`${BASE.replace(/\./g, '\\.')}/p/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)`).exec(message.body.content)?.[1];
  expect(link).toBeDefined();

  const page = await fetch(`${h.app.url}/p/${link}?lang=en`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<h1>Capability assessment: Dals-Ed</h1>');
  expect(html).toContain('You are answering as Eva Grann.');
});
