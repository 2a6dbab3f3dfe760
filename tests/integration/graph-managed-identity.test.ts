/**
 * No client secret in Azure: with AAD_APP_CREDENTIAL=managedIdentity the app gets its Graph tokens from the
 * host's managed identity endpoint (here a fake of App Service's), for the user-assigned identity it names,
 * and books a Teams meeting with them; the fake Entra authority is never asked for a client-credentials token.
 */
import { addDays, utcToStockholm } from '../../src/domain/stockholm-time';
import { cardOf, cardText } from '../fakes/bot-connector';
import { FakeManagedIdentityEndpoint } from '../fakes/managed-identity-endpoint';
import { aGroupChat, aMessage, people, TENANT } from '../helpers/activities';
import { readmeGraphPermissions, useGraphApp, type GraphHarness } from '../helpers/graph-harness';
import { postActivity } from '../helpers/test-app';

const IDENTITY_CLIENT_ID = '7e3f1a2b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const harness: { h?: GraphHarness } = {};
const identity = new FakeManagedIdentityEndpoint({ clientId: IDENTITY_CLIENT_ID, tenantId: TENANT, roles: readmeGraphPermissions() }, () => harness.h!.authority);
let identityEndpoint = '';

// Before the app starts (hooks run in the order they are declared).
beforeAll(async () => {
  identityEndpoint = await identity.start();
});
afterAll(() => identity.stop());

const h = useGraphApp(() => ({
  AAD_APP_CREDENTIAL: 'managedIdentity',
  MANAGED_IDENTITY_CLIENT_ID: IDENTITY_CLIENT_ID,
  SECRET_AAD_APP_CLIENT_SECRET: '',
  IDENTITY_ENDPOINT: identityEndpoint,
  IDENTITY_HEADER: identity.header,
}));
harness.h = h;

it('books a Teams meeting with a token of the managed identity, and no client secret anywhere', async () => {
  h.teams.members = [people.sara, people.hakan];
  const chat = aGroupChat();
  const say = async (text: string) => {
    const before = h.teams.sent().length;
    expect((await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat, from: people.sara, text }))).status).toBe(200);
    return h.teams.sent().slice(before);
  };
  await say('/setup Identitetsrådet');
  const booked = await say(`/schedule ${addDays(utcToStockholm(new Date()).date, 70)} 09:00-10:00 Identitetsrådet`);
  expect(cardText(cardOf(booked.find((a) => cardOf(a))))).toContain('The Teams meeting is in the organizer’s calendar');

  const [event] = h.graph.requestsTo('POST', /^\/users\/[^/]+\/events$/);
  expect(event!.status).toBe(201);
  // The token Graph got was the identity's, asked for at the identity endpoint with its header.
  expect(event!.claims).toMatchObject({ appid: IDENTITY_CLIENT_ID, tid: TENANT, aud: 'https://graph.microsoft.com' });
  expect(identity.requests).toContainEqual({ resource: 'https://graph.microsoft.com', clientId: IDENTITY_CLIENT_ID, headerOk: true });
  expect(h.authority.tokenRequests()).toEqual([]);
});
