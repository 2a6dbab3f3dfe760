/**
 * @jest-environment node
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { COMMAND_ROWS, menuFor } from '../../bot/command-table';
import { loadConfig } from '../../src/config';
import { translator } from '../../src/i18n';
import {
  buildAppPackage,
  escapeLoneBrackets,
  FAKE_BOT_ID,
  fillManifestPlaceholders,
  type JsonObject,
  type JsonValue,
  ManifestValidationError,
  readPngInfo,
  UnfilledPlaceholderError,
  validateLocalization,
  validateManifest,
  withCommandMenus,
  localizationWithCommandMenus,
} from '../../scripts/app-package';

// @microsoft/app-manifest require()s strip-bom 5, which is ESM-only. Node 20.19+ loads it through
// require(esm), but Jest's module loader cannot, so tests get an equivalent CommonJS stand-in.
// (It is only used by the library's file readers, which these tests do not call.)
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
}));

// Compiling the official schema with ajv takes a moment per call.
jest.setTimeout(30_000);

const APP_PACKAGE_DIR = path.resolve(__dirname, '../../appPackage');
const HOST = 'radslag.example.org';
const RSC = ['ChatMessage.Read.Chat', 'OnlineMeeting.ReadBasic.Chat', 'OnlineMeetingTranscript.Read.Chat', 'ChannelMessage.Read.Group', 'ChannelMeeting.ReadBasic.Group'];

const readTemplate = (file: string): JsonObject => JSON.parse(fs.readFileSync(path.join(APP_PACKAGE_DIR, file), 'utf8')) as JsonObject;

function values(overrides: Record<string, string> = {}): Record<string, string> {
  const clientId = randomUUID();
  return { TEAMS_APP_ID: randomUUID(), BOT_ID: randomUUID(), AAD_APP_CLIENT_ID: clientId, AAD_APP_ID_URI: `api://${HOST}/${clientId}`, APP_NAME_SUFFIX: 'dev', PUBLIC_HOSTNAME: HOST, ...overrides };
}

/** The manifest's shape as far as these tests look at it. */
interface ManifestView {
  name: { short: string };
  validDomains: string[];
  developer: Record<string, string>;
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
  authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
}
const view = (m: JsonObject) => m as unknown as ManifestView;

function withFirstCommandTitle(manifest: JsonObject, title: string): JsonObject {
  const copy = structuredClone(manifest);
  view(copy).bots[0]!.commandLists[0]!.commands[0]!.title = title;
  return copy;
}

describe('app manifest template', () => {
  // The template, filled, with the command menus the package build adds from the command table.
  const filled = withCommandMenus(fillManifestPlaceholders(readTemplate('manifest.json'), values()));

  it('fills every placeholder and passes the official schema with no errors', async () => {
    expect(JSON.stringify(filled)).not.toContain('${{');
    expect(view(filled).name.short).toBe('Rådslag dev');
    expect(view(filled).validDomains).toEqual([HOST]);
    expect(view(filled).developer.privacyUrl).toBe(`https://${HOST}/privacy`);
    await expect(validateManifest(filled)).resolves.toEqual([]);
  });

  it('trims the short name when the suffix is empty', async () => {
    const noSuffix = fillManifestPlaceholders(readTemplate('manifest.json'), values({ APP_NAME_SUFFIX: '' }));
    expect(view(noSuffix).name.short).toBe('Rådslag');
    await expect(validateManifest(noSuffix)).resolves.toEqual([]);
  });

  it('offers in each scope the commands of /help’s table that work there, at most ten, described as /help does', () => {
    const bot = view(filled).bots[0]!;
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const en = translator('en');
    for (const scope of ['team', 'groupChat', 'personal'] as const) {
      const lists = bot.commandLists.filter((l) => l.scopes.includes(scope));
      expect(lists).toHaveLength(1);
      const expected = menuFor(scope);
      // Every command of the table with a menu word that works here, but for those past Teams' ten.
      expect(expected.every((r) => r.scopes.includes(scope) && COMMAND_ROWS.includes(r))).toBe(true);
      expect(lists[0]!.commands).toEqual(expected.map((r) => ({ title: r.menu!.en, description: en(r.help) })));
      expect(lists[0]!.commands.length).toBeLessThanOrEqual(10);
    }
    // A personal chat offers no meeting command (nothing to record there), and help everywhere.
    const personal = bot.commandLists.find((l) => l.scopes.includes('personal'))!.commands.map((c) => c.title);
    expect(personal).not.toContain('decision');
    for (const list of bot.commandLists) expect(list.commands.at(-1)!.title).toBe('help');
    expect(bot.commandLists.find((l) => l.scopes.includes('groupChat'))!.commands.map((c) => c.title)).toContain('decision');
  });

  it('asks for the five resource-specific application permissions (the transcript’s among them)', () => {
    const rsc = view(filled).authorization.permissions.resourceSpecific;
    expect(rsc).toEqual(expect.arrayContaining(RSC.map((name) => ({ name, type: 'Application' }))));
    expect(rsc).toHaveLength(5);
  });

  it('reports an unfilled placeholder with its location', () => {
    const withoutBot = values();
    delete withoutBot.BOT_ID;
    let caught: unknown;
    try {
      fillManifestPlaceholders(readTemplate('manifest.json'), withoutBot);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UnfilledPlaceholderError);
    const unfilled = (caught as UnfilledPlaceholderError).unfilled;
    expect(unfilled).toContainEqual({ key: 'BOT_ID', pointer: '/bots/0/botId' });
    expect(unfilled.every((u) => u.key === 'BOT_ID')).toBe(true);
    expect((caught as Error).message).toContain('${{BOT_ID}}');
  });

  it('reports a malformed placeholder too', () => {
    const template: JsonValue = { a: 'x ${{ BOT ID }}' };
    expect(() => fillManifestPlaceholders(template, values())).toThrow(UnfilledPlaceholderError);
  });

  it('rejects a 130-character command title (the schema is really checked; 1.22 allows 128)', async () => {
    const errors = await validateManifest(withFirstCommandTitle(filled, 'x'.repeat(130)));
    expect(errors).toEqual([expect.stringMatching(/^\/bots\/0\/commandLists\/0\/commands\/0\/title must NOT have more than 128 characters/)]);
  });

  it('rejects a command title with a slash', async () => {
    const errors = await validateManifest(withFirstCommandTitle(filled, '/decision'));
    expect(errors).toEqual([expect.stringContaining('must not contain "/"')]);
  });

  it('rejects a missing required field', async () => {
    const withoutAccent = structuredClone(filled);
    delete withoutAccent.accentColor;
    await expect(validateManifest(withoutAccent)).resolves.toEqual([expect.stringContaining("required property 'accentColor'")]);
  });
});

describe('sv-se localization', () => {
  const filled = localizationWithCommandMenus(fillManifestPlaceholders(readTemplate('sv-se.json'), values({ APP_NAME_SUFFIX: '' }), 'sv-se.json'), 'sv-se.json');

  it('passes the Localization schema and covers every command', async () => {
    await expect(validateLocalization(filled)).resolves.toEqual([]);
    expect(filled['name.short']).toBe('Rådslag');
    const sv = translator('sv');
    (['team', 'groupChat', 'personal'] as const).forEach((scope, list) => {
      menuFor(scope).forEach((r, i) => {
          expect(filled[`bots[0].commandLists[${list}].commands[${i}].title`]).toBe(r.menu!.sv);
          expect(filled[`bots[0].commandLists[${list}].commands[${i}].description`]).toBe(sv(r.help));
        });
    });
    expect(filled['bots[0].commandLists[1].commands[0].title']).toBe('beslut');
  });

  it('rejects a too-long localized title and an unknown key', async () => {
    const bad = { ...filled, 'bots[0].commandLists[0].commands[0].title': 'y'.repeat(130), 'nme.short': 'typo' };
    const errors = await validateLocalization(bad);
    expect(errors).toEqual(
      expect.arrayContaining([expect.stringContaining('must NOT have more than 128 characters'), expect.stringContaining('additional properties')]),
    );
  });

  it('escapes only the bracket that closes no character class', () => {
    expect(escapeLoneBrackets('^a\\[\\b([0-9]|1[01])\\b]\\.x$')).toBe('^a\\[\\b([0-9]|1[01])\\b\\]\\.x$');
  });
});

describe('buildAppPackage', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'radslag-app-package-'));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const configFor = (env: Record<string, string>) => loadConfig({ env: { TEAMSFX_ENV: 'test', ...env }, rootDir: tmp, role: 'tool' });

  it('writes a zip with the filled manifest, localization and correctly sized icons at its root', async () => {
    const botId = randomUUID();
    const teamsAppId = randomUUID();
    const clientId = randomUUID();
    const config = configFor({
      BOT_ID: botId,
      SECRET_BOT_PASSWORD: 'not-a-real-secret',
      BOT_TENANT_ID: randomUUID(),
      TEAMS_APP_ID: teamsAppId,
      PUBLIC_BASE_URL: `https://${HOST}`,
      APP_NAME_SUFFIX: 'test',
      AAD_APP_CLIENT_ID: clientId,
      AAD_APP_TENANT_ID: randomUUID(),
    });
    const result = await buildAppPackage(config, { appPackageDir: APP_PACKAGE_DIR, outDir: path.join(tmp, 'out') });

    expect(result.warnings).toEqual([]);
    expect(result.zipPath).toBe(path.join(tmp, 'out', 'appPackage.test.zip'));
    expect(fs.existsSync(path.join(tmp, 'out', 'manifest.test.json'))).toBe(true);

    const zip = await JSZip.loadAsync(fs.readFileSync(result.zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png', 'sv-se.json']);

    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as JsonObject;
    expect(manifest.id).toBe(teamsAppId);
    // Manifest 1.22 or later, validated against that version's own schema below.
    const version = manifest.manifestVersion as string;
    const [major, minor] = version.split('.').map(Number);
    expect(major! > 1 || minor! >= 22).toBe(true);
    expect(manifest.$schema as string).toContain(`/v${version}/`);
    expect(view(manifest).bots[0]!.botId).toBe(botId);
    expect(view(manifest).name.short).toBe('Rådslag test');
    // The tab: SSO for the app registration, configurable in meetings and channels, and a personal tab.
    expect(manifest.webApplicationInfo).toEqual({ id: clientId, resource: `api://${HOST}/${clientId}` });
    expect(manifest.configurableTabs).toEqual([
      expect.objectContaining({ configurationUrl: `https://${HOST}/tab/config`, context: ['channelTab', 'meetingChatTab', 'meetingDetailsTab', 'meetingSidePanel'] }),
    ]);
    expect(manifest.staticTabs).toEqual([expect.objectContaining({ contentUrl: `https://${HOST}/tab/`, scopes: ['personal'] })]);
    await expect(validateManifest(manifest)).resolves.toEqual([]);

    const color = readPngInfo(await zip.file('color.png')!.async('uint8array'));
    const outline = readPngInfo(await zip.file('outline.png')!.async('uint8array'));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.colorType).toBe(6); // RGBA: white on transparent
  });

  it('uses the fake bot id and warns in local mode', async () => {
    const warnings: string[] = [];
    const result = await buildAppPackage(configFor({}), {
      appPackageDir: APP_PACKAGE_DIR,
      outDir: path.join(tmp, 'out'),
      onWarning: (w) => warnings.push(w),
    });
    expect(view(result.manifest).bots[0]!.botId).toBe(FAKE_BOT_ID);
    expect(warnings).toEqual(expect.arrayContaining([expect.stringContaining('schema checks only')]));
  });

  it('refuses to write a package whose icon has the wrong size', async () => {
    const dir = path.join(tmp, 'appPackage');
    fs.cpSync(APP_PACKAGE_DIR, dir, { recursive: true });
    fs.copyFileSync(path.join(dir, 'outline.png'), path.join(dir, 'color.png'));
    const outDir = path.join(tmp, 'out');
    await expect(buildAppPackage(configFor({}), { appPackageDir: dir, outDir })).rejects.toThrow(ManifestValidationError);
    await expect(buildAppPackage(configFor({}), { appPackageDir: dir, outDir })).rejects.toThrow('must be 192x192 pixels, not 32x32');
    expect(fs.existsSync(outDir)).toBe(false);
  });
});
