/** The attendance figures as JSON (for the tab): local mode answers; a configured bot refuses without SSO. */
import type { RunningApp } from '../../../src/main';
import { utcToStockholm } from '../../../src/domain/stockholm-time';
import { cardOf } from '../../fakes/bot-connector';
import { aCardAction, aGroupChat, aMeetingChat, aMessage, people, TENANT } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity, startTestApp } from '../../helpers/test-app';
import { createTestDatabase } from '../../helpers/test-database';

const h = useHarness();

const get = async (app: Pick<RunningApp, 'url'>, path: string) => {
  const res = await fetch(`${app.url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

it('gives a meeting’s attendance and the group’s figures, scoped to the tenant, with clear 400 and 404', async () => {
  h.teams.members = [people.sara, people.hakan, people.pia];
  const group = aGroupChat();
  await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat: group, from: people.sara, text: '/setup API-gruppen' }));
  const meeting = aMeetingChat();
  await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat: meeting, from: people.sara, text: '/setup API-gruppen' }));
  await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat: meeting, from: people.sara, text: '/start' }));
  h.teams.clear();
  await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat: meeting, from: people.sara, text: '/checkin' }));
  const checkin = cardOf(h.teams.sent().find((a) => cardOf(a))) as { actions: Array<{ verb: string; data: Record<string, unknown> }> };
  await postActivity(h.app, aCardAction({ serviceUrl: h.serviceUrl, chat: meeting, from: people.hakan, verb: checkin.actions[0]!.verb, data: { ...checkin.actions[0]!.data, mood: 'ok' } }));
  const meetingId = checkin.actions[0]!.data.meetingId as string;

  const one = await get(h.app, `/api/meetings/${meetingId}/attendance?tenantId=${TENANT}`);
  expect(one.status).toBe(200);
  const statuses = (one.body.members as Array<{ member: { person: { name: string } }; status: string }>).map((m) => [m.member.person.name, m.status]).sort();
  expect(statuses).toEqual([
    ['Håkan Sundberg', 'present'],
    ['Pia Carlsson', 'absent'],
    ['Sara Herrman', 'absent'],
  ]);
  expect(one.body.rate).toMatchObject({ present: 1, expected: 3 });

  const groupId = (one.body.group as { id: string }).id;
  // The year as the council counts it: Stockholm's calendar.
  const year = utcToStockholm(new Date()).date.slice(0, 4);
  const figures = await get(h.app, `/api/groups/${groupId}/attendance?tenantId=${TENANT}&from=${year}-01-01&to=${year}-12-31`);
  expect(figures.status).toBe(200);
  expect((figures.body.figures as { overall: unknown }).overall).toMatchObject({ present: 1, expected: 3 });

  expect((await get(h.app, `/api/meetings/${meetingId}/attendance?tenantId=another-tenant`)).status).toBe(404);
  expect((await get(h.app, `/api/meetings/${meetingId}/attendance`)).status).toBe(400);
  expect((await get(h.app, `/api/groups/${groupId}/attendance?tenantId=${TENANT}&from=2027-13-01&to=2027-12-31`)).status).toBe(400);
});

it('refuses without a token when the bot is configured (the tab brings SSO)', async () => {
  const db = await createTestDatabase();
  const app = await startTestApp(db.url, { BOT_ID: '2b0a6f1e-7f7e-4f4e-9a45-5b2f3a0c9d10', SECRET_BOT_PASSWORD: 'x', BOT_TENANT_ID: TENANT, SECRET_LINK_SIGNING_KEY: 'k'.repeat(40) });
  try {
    const res = await get(app, `/api/groups/any/attendance?tenantId=${TENANT}`);
    expect(res.status).toBe(401);
    expect(String(res.body.message)).toContain('SSO');
  } finally {
    await app.stop();
    await db.drop();
  }
});
