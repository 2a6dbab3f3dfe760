/**
 * Builds the Teams app package from appPackage/: fills the `${{KEY}}` placeholders from the
 * configuration, validates the result against the official JSON schema bundled with
 * `@microsoft/app-manifest` (no network needed), checks the icons and zips it all up.
 *
 * Pure helpers are exported for tests; scripts/package-app.ts is the command-line wrapper.
 * Configuration arrives as an AppConfig: this module never reads the environment itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { menuFor, type BotScope } from '../bot/command-table';
import { translator } from '../src/i18n';
import type { AppConfig } from '../src/config';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

const asObject = (v: JsonValue | undefined): JsonObject | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;

/** Stand-in bot id for local mode, where no Azure bot exists: schema-valid, never installable. */
/**
 * The bot's command menus, per scope, from the same table as /help (bot/command-table.ts): in English in
 * the manifest, in Swedish in a localization file's `bots[0].commandLists[i].commands[j]` keys. Whatever
 * the templates say about commands is replaced.
 */
export function commandMenus(): { lists: JsonObject[]; sv: Record<string, string> } {
  const en = translator('en');
  const svT = translator('sv');
  const scopes: BotScope[] = ['team', 'groupChat', 'personal'];
  const lists: JsonObject[] = [];
  const sv: Record<string, string> = {};
  scopes.forEach((scope, l) => {
    const rows = menuFor(scope);
    lists.push({ scopes: [scope], commands: rows.map((r) => ({ title: r.menu!.en, description: en(r.help) })) });
    rows.forEach((r, c) => {
      sv[`bots[0].commandLists[${l}].commands[${c}].title`] = r.menu!.sv;
      sv[`bots[0].commandLists[${l}].commands[${c}].description`] = svT(r.help);
    });
  });
  return { lists, sv };
}

/** The manifest with its command menus from the command table. */
export function withCommandMenus(manifest: JsonObject): JsonObject {
  const bots = Array.isArray(manifest.bots) ? manifest.bots : [];
  const [first, ...rest] = bots;
  if (!first || typeof first !== 'object' || Array.isArray(first)) return manifest;
  return { ...manifest, bots: [{ ...first, commandLists: commandMenus().lists }, ...rest] };
}

/** A localization with its command entries from the command table (Swedish: sv-*). */
export function localizationWithCommandMenus(localization: JsonObject, file: string): JsonObject {
  const kept = Object.fromEntries(Object.entries(localization).filter(([k]) => !k.startsWith('bots[0].commandLists[')));
  return /^sv[-.]/i.test(path.basename(file)) ? { ...kept, ...commandMenus().sv } : kept;
}

export const FAKE_BOT_ID = '00000000-0000-0000-0000-000000000000';

/** Pixel sizes Teams requires for the two icons. */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

/** `${{KEY}}`, the Teams Toolkit placeholder syntax. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Files in the zip get this timestamp so the same input always gives the same bytes. */
const ZIP_DATE = new Date(Date.UTC(2020, 0, 1));

export type PlaceholderValues = Readonly<Record<string, string>>;

export interface UnfilledPlaceholder {
  key: string;
  /** JSON pointer of the string that still holds it, e.g. /bots/0/botId. */
  pointer: string;
}

export class UnfilledPlaceholderError extends Error {
  constructor(
    readonly source: string,
    readonly unfilled: UnfilledPlaceholder[],
  ) {
    super(
      `${source}: ${unfilled.length} placeholder(s) have no value: ` +
        unfilled.map((u) => `${u.key === '' ? 'malformed ${{...}}' : `\${{${u.key}}}`} at ${u.pointer}`).join(', '),
    );
    this.name = 'UnfilledPlaceholderError';
  }
}

export class ManifestValidationError extends Error {
  constructor(readonly errors: string[]) {
    super(`The app package is invalid:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    this.name = 'ManifestValidationError';
  }
}

const pointerPart = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/** Every `${{KEY}}` (and any malformed `${{`) left in a JSON document, with where it sits. */
export function findPlaceholders(value: JsonValue, pointer = ''): UnfilledPlaceholder[] {
  if (typeof value === 'string') {
    const found = [...value.matchAll(PLACEHOLDER)].map((m) => ({ key: m[1]!, pointer }));
    // A `${{` that the pattern does not match (a typo like `${{ BOT ID }}`) must not slip through.
    const opened = value.split('${{').length - 1;
    if (opened > found.length) found.push({ key: '', pointer });
    return found;
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findPlaceholders(v, `${pointer}/${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => findPlaceholders(v, `${pointer}/${pointerPart(k)}`));
  }
  return [];
}

function replaceIn(value: JsonValue, values: PlaceholderValues): JsonValue {
  if (typeof value === 'string') {
    const filled = value.replace(PLACEHOLDER, (whole, key: string) => (Object.hasOwn(values, key) ? values[key]! : whole));
    // "Rådslag ${{APP_NAME_SUFFIX}}" with an empty suffix must not end in a space.
    return filled === value ? value : filled.trim();
  }
  if (Array.isArray(value)) return value.map((v) => replaceIn(v, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceIn(v, values)]));
  }
  return value;
}

/**
 * Replaces every `${{KEY}}` in the string values of a parsed JSON document (manifest or
 * localization file). Works on parsed JSON rather than text so values need no escaping.
 * Throws UnfilledPlaceholderError naming each placeholder that has no value.
 */
export function fillManifestPlaceholders<T extends JsonValue>(template: T, values: PlaceholderValues, source = 'manifest.json'): T {
  const filled = replaceIn(template, values) as T;
  const unfilled = findPlaceholders(filled);
  if (unfilled.length > 0) throw new UnfilledPlaceholderError(source, unfilled);
  return filled;
}

/** The placeholder values for one environment, plus warnings worth printing. */
export function placeholderValuesFromConfig(config: AppConfig): { values: Record<string, string>; warnings: string[] } {
  const warnings: string[] = [];
  let botId = config.bot.appId ?? '';
  if (!botId) {
    botId = FAKE_BOT_ID;
    warnings.push(
      `BOT_ID is empty (local mode): the manifest uses the fake bot id ${FAKE_BOT_ID}. ` +
        'This package is for schema checks only; it cannot be installed in Teams.',
    );
  }
  const base = new URL(config.publicBaseUrl);
  if (base.protocol !== 'https:') {
    warnings.push(`PUBLIC_BASE_URL (${config.publicBaseUrl}) is not https: Teams needs a public https address (e.g. a dev tunnel).`);
  }
  // The tab's SSO: Teams asks Entra for a token for this app registration, whose audience the server checks.
  let tabClientId = config.tabAuth?.clientId;
  if (!tabClientId) {
    tabClientId = botId;
    warnings.push('AAD_APP_CLIENT_ID is empty: webApplicationInfo uses the bot id, and the tab signs in only once AAD_APP_CLIENT_ID and AAD_APP_TENANT_ID are set.');
  }
  return {
    values: {
      TEAMS_APP_ID: config.teamsAppId,
      BOT_ID: botId,
      AAD_APP_CLIENT_ID: tabClientId,
      AAD_APP_ID_URI: config.tabAuth?.appIdUri ?? `api://${base.host}/${tabClientId}`,
      APP_NAME_SUFFIX: config.appNameSuffix,
      // host keeps a non-default port (localhost:3978), which validDomains accepts.
      PUBLIC_HOSTNAME: base.host,
    },
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------
// Schema validation, offline

type ValidatorSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

function appManifestPackageDir(): string {
  return path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
}

/**
 * Reads the JSON schema named by a `$schema` URL from the copies bundled in
 * @microsoft/app-manifest (build/json-schemas/...). The library would fall back to fetching
 * the URL when it has no copy; we refuse instead, so validation never depends on the network.
 */
export function loadBundledSchema(schemaUrl: string): object {
  let pathname: string;
  try {
    const url = new URL(schemaUrl);
    if (url.hostname !== 'developer.microsoft.com') throw new Error('not a developer.microsoft.com URL');
    // The same schema is published with and without a locale segment (/en-us/json-schemas/...).
    pathname = url.pathname.replace(/^\/[a-z]{2}(?:-[a-z]{2})?(?=\/json-schemas\/)/i, '');
  } catch (err) {
    throw new Error(`$schema ${JSON.stringify(schemaUrl)} is not a Microsoft schema URL (${(err as Error).message})`);
  }
  const root = path.join(appManifestPackageDir(), 'build');
  const file = path.join(root, ...pathname.split('/').filter(Boolean));
  if (!pathname.startsWith('/json-schemas/') || !file.startsWith(root + path.sep) || !fs.existsSync(file)) {
    const teamsDir = path.join(root, 'json-schemas', 'teams');
    const bundled = fs.existsSync(teamsDir) ? fs.readdirSync(teamsDir).sort().join(', ') : 'none';
    throw new Error(`$schema ${schemaUrl} is not bundled with @microsoft/app-manifest (bundled Teams schemas: ${bundled})`);
  }
  // Same clean-up the library applies: some schemas contain \a and \v escapes that JSON.parse rejects.
  const text = fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return unicodeSafePatterns(JSON.parse(text) as JsonValue) as object;
}

/**
 * Escapes a `]` that closes no character class (`\b]` in the Localization schemas). Browsers
 * read it as a literal, but ajv compiles patterns with the `u` flag, where it is a syntax error
 * that would stop the whole schema from compiling.
 */
export function escapeLoneBrackets(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else {
      out += ch === ']' ? '\\]' : ch;
    }
  }
  return out;
}

function isUnicodeRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false; // the caller repairs the pattern; a pattern it cannot repair is left for ajv to report
  }
}

const fixPattern = (p: string) => (isUnicodeRegExp(p) ? p : escapeLoneBrackets(p));

/** Applies escapeLoneBrackets to every `pattern` and `patternProperties` key that needs it. */
function unicodeSafePatterns(node: JsonValue): JsonValue {
  if (Array.isArray(node)) return node.map(unicodeSafePatterns);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    const patternProperties = key === 'patternProperties' ? asObject(value) : undefined;
    if (key === 'pattern' && typeof value === 'string') out[key] = fixPattern(value);
    else if (patternProperties) {
      out[key] = Object.fromEntries(Object.entries(patternProperties).map(([p, v]) => [fixPattern(p), unicodeSafePatterns(v)]));
    } else out[key] = unicodeSafePatterns(value);
  }
  return out;
}

/** Validates a document against the bundled schema its own `$schema` names; returns error lines. */
async function validateAgainstOwnSchema(doc: JsonObject): Promise<string[]> {
  const schemaUrl = doc.$schema;
  if (typeof schemaUrl !== 'string') return ['/$schema is missing: it selects the schema to validate against'];
  const schema = loadBundledSchema(schemaUrl);
  // The library validates plain JSON whatever its static type; the casts only satisfy its signature.
  const errors = await AppManifestUtils.validateAgainstSchema(doc as unknown as AppManifest, schema as ValidatorSchema);
  return errors.map((e) => e.trim());
}

/**
 * Teams rules the JSON schema does not express: a command title is what users type after
 * @Rådslag, so it may not contain a slash, and titles in one command list must be unique.
 */
function teamsCommandRules(manifest: JsonObject): string[] {
  const errors: string[] = [];
  const bots = Array.isArray(manifest.bots) ? manifest.bots : [];
  bots.forEach((bot, b) => {
    if (bot === null || typeof bot !== 'object' || Array.isArray(bot) || !Array.isArray(bot.commandLists)) return;
    bot.commandLists.forEach((list, l) => {
      if (list === null || typeof list !== 'object' || Array.isArray(list) || !Array.isArray(list.commands)) return;
      const seen = new Set<string>();
      list.commands.forEach((command, c) => {
        if (command === null || typeof command !== 'object' || Array.isArray(command)) return;
        const title = command.title;
        if (typeof title !== 'string') return;
        const at = `/bots/${b}/commandLists/${l}/commands/${c}/title`;
        if (title.includes('/')) errors.push(`${at} must not contain "/" (got ${JSON.stringify(title)})`);
        if (seen.has(title.toLowerCase())) errors.push(`${at} repeats the command ${JSON.stringify(title)} in the same list`);
        seen.add(title.toLowerCase());
      });
    });
  });
  return errors;
}

/** Schema errors (from the official schema) plus Teams command rules; empty when valid. */
export async function validateManifest(manifest: JsonObject): Promise<string[]> {
  return [...(await validateAgainstOwnSchema(manifest)), ...teamsCommandRules(manifest)];
}

/** Validates a localization file (e.g. sv-se.json) against its bundled Localization schema. */
export async function validateLocalization(localization: JsonObject): Promise<string[]> {
  const errors = await validateAgainstOwnSchema(localization);
  for (const [key, value] of Object.entries(localization)) {
    if (/^bots\[\d+\]\.commandLists\[\d+\]\.commands\[\d+\]\.title$/.test(key) && typeof value === 'string' && value.includes('/')) {
      errors.push(`/${key} must not contain "/" (got ${JSON.stringify(value)})`);
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Icons

export interface PngInfo {
  width: number;
  height: number;
  /** PNG colour type: 2 RGB, 6 RGBA, 4 grey + alpha, 3 palette, 0 grey. */
  colorType: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads width, height and colour type from a PNG's IHDR chunk (always the first chunk). */
export function readPngInfo(png: Uint8Array): PngInfo {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(PNG_SIGNATURE) || buf.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), colorType: buf[25]! };
}

// ---------------------------------------------------------------------------------------------
// Building the package

export interface BuildAppPackageOptions {
  /** Folder with manifest.json, icons and localization files; <rootDir>/appPackage by default. */
  appPackageDir?: string;
  /** Output folder; <rootDir>/build/appPackage by default. */
  outDir?: string;
  /** Called with each warning as soon as it is known. */
  onWarning?: (message: string) => void;
}

export interface BuiltAppPackage {
  manifest: JsonObject;
  manifestPath: string;
  zipPath: string;
  /** Entry names in the zip. */
  files: string[];
  warnings: string[];
}

function readJsonObject(file: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read ${file}: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${file} must hold a JSON object`);
  return parsed as JsonObject;
}

/** A file the manifest refers to; it must stay inside the package folder. */
function packageFile(appPackageDir: string, relative: string): string {
  const resolved = path.resolve(appPackageDir, relative);
  if (path.isAbsolute(relative) || !resolved.startsWith(path.resolve(appPackageDir) + path.sep)) {
    throw new ManifestValidationError([`${relative} points outside ${appPackageDir}`]);
  }
  return resolved;
}

/** The files named by localizationInfo (default language file and additional languages). */
function localizationFiles(manifest: JsonObject): string[] {
  const info = asObject(manifest.localizationInfo);
  if (!info) return [];
  const files: string[] = [];
  if (typeof info.defaultLanguageFile === 'string') files.push(info.defaultLanguageFile);
  if (Array.isArray(info.additionalLanguages)) {
    for (const lang of info.additionalLanguages) {
      const file = asObject(lang)?.file;
      if (typeof file === 'string') files.push(file);
    }
  }
  return files;
}

/**
 * Fills, validates and zips the app package for config.env. Writes
 * <outDir>/manifest.<env>.json and <outDir>/appPackage.<env>.zip (manifest.json, icons and
 * localization files at the zip root). Throws UnfilledPlaceholderError or
 * ManifestValidationError (listing every problem) instead of writing an invalid package.
 */
export async function buildAppPackage(config: AppConfig, options: BuildAppPackageOptions = {}): Promise<BuiltAppPackage> {
  if (!/^[A-Za-z0-9._-]+$/.test(config.env)) throw new Error(`Environment name ${JSON.stringify(config.env)} cannot be used in a file name`);
  const appPackageDir = options.appPackageDir ?? path.join(config.rootDir, 'appPackage');
  const outDir = options.outDir ?? path.join(config.rootDir, 'build', 'appPackage');

  const { values, warnings } = placeholderValuesFromConfig(config);
  for (const w of warnings) options.onWarning?.(w);

  const manifest = withCommandMenus(fillManifestPlaceholders(readJsonObject(path.join(appPackageDir, 'manifest.json')), values, 'manifest.json'));
  const errors = (await validateManifest(manifest)).map((e) => `manifest.json: ${e}`);
  const entries = new Map<string, Buffer>([['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)]]);

  for (const relative of localizationFiles(manifest)) {
    const file = packageFile(appPackageDir, relative);
    if (!fs.existsSync(file)) {
      errors.push(`${relative}: named in localizationInfo but missing from ${appPackageDir}`);
      continue;
    }
    const localization = localizationWithCommandMenus(fillManifestPlaceholders(readJsonObject(file), values, relative), relative);
    errors.push(...(await validateLocalization(localization)).map((e) => `${relative}: ${e}`));
    entries.set(relative, Buffer.from(`${JSON.stringify(localization, null, 2)}\n`));
  }

  const icons = asObject(manifest.icons) ?? {};
  for (const kind of ['color', 'outline'] as const) {
    const relative = icons[kind];
    if (typeof relative !== 'string') continue; // the schema check above already reports it
    const file = packageFile(appPackageDir, relative);
    if (!fs.existsSync(file)) {
      errors.push(`${relative}: the ${kind} icon is missing from ${appPackageDir}`);
      continue;
    }
    const png = fs.readFileSync(file);
    let info: PngInfo;
    try {
      info = readPngInfo(png);
    } catch (err) {
      errors.push(`${relative}: ${(err as Error).message}`);
      continue;
    }
    const size = ICON_SIZES[kind];
    if (info.width !== size || info.height !== size) {
      errors.push(`${relative}: the ${kind} icon must be ${size}x${size} pixels, not ${info.width}x${info.height}`);
    }
    // Teams draws the outline icon on its own background, so it needs transparency.
    if (kind === 'outline' && info.colorType !== 6 && info.colorType !== 4) {
      errors.push(`${relative}: the outline icon must have an alpha channel (white on transparent)`);
    }
    entries.set(relative, png);
  }

  if (errors.length > 0) throw new ManifestValidationError(errors);

  fs.mkdirSync(outDir, { recursive: true });
  const manifestPath = path.join(outDir, `manifest.${config.env}.json`);
  fs.writeFileSync(manifestPath, entries.get('manifest.json')!);

  const zip = new JSZip();
  for (const [name, data] of entries) zip.file(name, data, { date: ZIP_DATE });
  const zipData = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  const zipPath = path.join(outDir, `appPackage.${config.env}.zip`);
  fs.writeFileSync(zipPath, zipData);

  return { manifest, manifestPath, zipPath, files: [...entries.keys()], warnings };
}
