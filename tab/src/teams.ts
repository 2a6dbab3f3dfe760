/**
 * The Teams host, when there is one. `app.initialize()` only rejects after about 60 s outside Teams, so it
 * is raced against a short timeout: in a plain browser the tab starts at once with the query's theme and
 * language. teams-js is loaded as its own chunk so it does not weigh on the initial bundle.
 */
export type ThemeName = 'light' | 'dark' | 'contrast';

export interface TeamsHost {
  /** Teams' theme now; `onThemeChange` reports later changes. */
  theme: ThemeName;
  locale?: string;
  /** The current frame (content, settings = the configuration page, …). */
  frameContext?: string;
  /** The chat (meeting chat, group chat) or channel the tab is in: its group is the one set up there. */
  conversationId?: string;
  /** Set when the tab is in a Teams meeting (side panel, meeting stage, the meeting chat's or details tab). */
  meetingId?: string;
  /** A deep link's sub-page (the bot's cards link to a page of a group: `risks?group=<id>`). */
  subPageId?: string;
  onThemeChange: (handler: (theme: ThemeName) => void) => void;
  /** The SSO token for the tab's API (teams-js caches and renews it). */
  getToken: () => Promise<string>;
  /** The configuration page's part: enable Save and say what the tab will be. */
  configure: (settings: { contentUrl: string; websiteUrl: string; entityId: string; suggestedDisplayName: string } | undefined) => void;
}

const INIT_TIMEOUT_MS = 1500;

export function themeOf(teamsTheme: string | undefined): ThemeName {
  if (teamsTheme === 'dark') return 'dark';
  if (teamsTheme === 'contrast') return 'contrast';
  return 'light';
}

/** Resolves to the host inside Teams, to undefined in a plain browser (after at most INIT_TIMEOUT_MS). */
export async function connectToTeams(): Promise<TeamsHost | undefined> {
  // Teams hosts a tab in a frame (web, desktop) or in its own web view (mobile, with its name in the user
  // agent). Neither: a plain browser, so do not make the page wait for a host that is not there.
  if (window.parent === window && !window.opener && !/Teams|Outlook|Office/i.test(navigator.userAgent)) return undefined;
  try {
    const teams = await import('@microsoft/teams-js');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), INIT_TIMEOUT_MS)));
    const result = await Promise.race([teams.app.initialize().then(() => 'ok' as const), timeout]);
    clearTimeout(timer);
    if (result !== 'ok') return undefined;
    const context = await teams.app.getContext();
    void teams.app.notifySuccess();
    let pendingSettings: Parameters<TeamsHost['configure']>[0];
    let saveHandlerRegistered = false;
    return {
      theme: themeOf(context.app.theme),
      locale: context.app.locale,
      frameContext: context.page.frameContext,
      conversationId: context.chat?.id ?? context.channel?.id,
      ...(context.page.subPageId ? { subPageId: context.page.subPageId } : {}),
      ...(context.meeting?.id ? { meetingId: context.meeting.id } : {}),
      onThemeChange: (handler) => {
        teams.app.registerOnThemeChangeHandler((theme) => handler(themeOf(theme)));
      },
      getToken: () => teams.authentication.getAuthToken(),
      configure: (settings) => {
        pendingSettings = settings;
        if (!saveHandlerRegistered) {
          saveHandlerRegistered = true;
          teams.pages.config.registerOnSaveHandler((saveEvent) => {
            if (!pendingSettings) {
              saveEvent.notifyFailure('No group chosen');
              return;
            }
            teams.pages.config.setConfig(pendingSettings).then(
              () => saveEvent.notifySuccess(),
              (e: unknown) => saveEvent.notifyFailure(e instanceof Error ? e.message : String(e)),
            );
          });
        }
        teams.pages.config.setValidityState(Boolean(settings));
      },
    };
  } catch (e) {
    // A host that answered but failed (or a chunk that did not load): run as in a plain browser.
    console.warn('Teams host not available', e);
    return undefined;
  }
}
