/** The HTTP edge: health, refusal of bodies that are not activities, help, welcome. */
import fs from 'node:fs';
import path from 'node:path';
import { cardOf, cardText } from '../../fakes/bot-connector';
import { aMeetingChat, aMessage, BOT, people, TENANT } from '../../helpers/activities';
import { useHarness } from '../../helpers/harness';
import { postActivity, postJson } from '../../helpers/test-app';

const h = useHarness();

beforeEach(() => h.teams.clear());

const healthy = async () => {
  const res = await fetch(`${h.app.url}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok' });
};

describe('/healthz', () => {
  it('is green when the store answers', healthy);
});

describe('POST /api/messages with a body that is not an activity', () => {
  it.each([
    ['broken JSON', '{"type": "message", '],
    ['an object without type', { hello: 'world' }],
    ['an array', [1, 2, 3]],
    ['a number', 42],
    ['an activity without serviceUrl', { type: 'message', channelId: 'msteams', from: { id: 'a' }, recipient: { id: 'b' }, conversation: { id: 'c' } }],
    ['an activity with a wrong type of text', { ...aMessage({ serviceUrl: 'http://127.0.0.1:9/', chat: aMeetingChat(), from: people.sara, text: 'x' }), text: { evil: true } }],
  ])('answers %s with 400 and a message, and stays up', async (_label, body) => {
    const res = await postJson(`${h.app.url}/api/messages`, body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/JSON|activity/i);
    await healthy();
    expect(h.teams.requests).toHaveLength(0);
  });

  it('answers a text/plain body with 415, and a body sent as JSON that is not JSON with 400', async () => {
    const plain = await fetch(`${h.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toEqual({ code: 'UnsupportedMediaType', message: expect.stringContaining('application/json') });
    const broken = await fetch(`${h.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'hello' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ code: 'BadRequest', message: expect.stringContaining('not valid JSON') });
    await healthy();
  });

  it('refuses a body over 1 MB', async () => {
    const res = await postJson(`${h.app.url}/api/messages`, { type: 'message', text: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    await healthy();
  });

  it('still takes a good activity right after bad ones', async () => {
    await postJson(`${h.app.url}/api/messages`, '{oops');
    const res = await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat: aMeetingChat(), from: people.sara, text: '/help' }));
    expect(res.status).toBe(200);
    expect(cardText(cardOf(h.teams.sent()[0]))).toContain('Rådslag commands');
  });
});

describe('help', () => {
  it('lists every command with an example, in Swedish for sv locales', async () => {
    await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat: aMeetingChat(), from: people.hakan, text: '/hjälp', locale: 'sv-SE' }));
    const text = cardText(cardOf(h.teams.sent()[0]));
    for (const name of ['/decision · /beslut', '/decisions · /beslutslista', '/risk', '/risks · /risker', '/secretary · /sekreterare', '/help · /hjälp']) expect(text).toContain(name);
    expect(text).toContain('Exempel: /risk Vikande intresse och deltagande mot slutet av förstudien S=5 K=4');
  });

  it('answers an unknown command with the help card naming it', async () => {
    await postActivity(h.app, aMessage({ serviceUrl: h.serviceUrl, chat: aMeetingChat(), from: people.hakan, text: '/protokol' }));
    expect(cardText(cardOf(h.teams.sent()[0]))).toContain('“/protokol” is not a command I know');
  });

  it('welcomes with the help card when the bot is added to a chat', async () => {
    const chat = aMeetingChat();
    await postActivity(h.app, {
      type: 'conversationUpdate',
      id: 'added-1',
      serviceUrl: h.serviceUrl,
      channelId: 'msteams',
      from: { id: people.sara.id, aadObjectId: people.sara.aadObjectId },
      recipient: BOT,
      conversation: { id: chat.conversationId, conversationType: 'groupChat', tenantId: TENANT, isGroup: true },
      membersAdded: [{ id: BOT.id }],
      channelData: { tenant: { id: TENANT } },
    });
    expect(cardText(cardOf(h.teams.sent()[0]))).toContain('Rådslag commands');
  });
});

describe('the privacy and terms pages the manifest names', () => {
  it.each([
    ['/privacy', 'sv', 'Rådslag – integritet och personuppgifter', 'Vad som sparas'],
    ['/privacy?lang=en', 'en', 'Rådslag – privacy and personal data', 'What is stored'],
    ['/terms', 'sv', 'Rådslag – användarvillkor', 'Användning'],
    ['/terms?lang=en', 'en', 'Rådslag – terms of use', 'Responsibility'],
  ])('%s answers 200 in %s', async (path, lang, title, heading) => {
    const res = await fetch(`${h.app.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-language')).toBe(lang);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain(`<h2>${heading}</h2>`);
  });

  it('follows the browser’s language when no ?lang is given', async () => {
    const html = await (await fetch(`${h.app.url}/privacy`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } })).text();
    expect(html).toContain('<html lang="en">');
  });

  it('is where the manifest points', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'appPackage', 'manifest.json'), 'utf8')) as { developer: { privacyUrl: string; termsOfUseUrl: string } };
    expect(new URL(manifest.developer.privacyUrl.replace('${{PUBLIC_HOSTNAME}}', 'x')).pathname).toBe('/privacy');
    expect(new URL(manifest.developer.termsOfUseUrl.replace('${{PUBLIC_HOSTNAME}}', 'x')).pathname).toBe('/terms');
  });
});
