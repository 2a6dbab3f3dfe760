/**
 * botbuilder's CloudAdapter, configured from our BotConfig. Everything botbuilder-specific about
 * authentication stays in this file, so a move to the Microsoft 365 Agents SDK touches bot/ only.
 *
 * Two things are added to botbuilder's own behaviour:
 * - **Fail closed.** `processRequest` authenticates the activity first and answers any failure to do so
 *   with 401 and a short JSON body — also the failures botbuilder would answer with 500 (a forged
 *   signature, key metadata that cannot be fetched, a token claiming the emulator's issuer). The reason is
 *   logged at warn; the token never is.
 * - **Bot Connector retries.** Every ConnectorClient the adapter creates (replies, card updates, proactive
 *   posts, new one-to-one chats) gets the retry policy of connector-retry.ts.
 */
import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type InvokeResponse,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  type AuthenticateRequestResult,
  BotFrameworkAuthentication,
  CertificateServiceClientCredentialsFactory,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  MsalServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Logger } from 'pino';
import { connectorRetryPolicy, useConnectorRetries } from './connector-retry';
import { isStoreUnavailable } from '../src/app/ports';
import type { BotConfig } from '../src/config';
import { msalAuthorityOptions } from '../src/graph/msal-authority';
import { localeOf, translator } from '../src/i18n';

const BOT_FRAMEWORK = 'https://api.botframework.com';

/** MSAL for the bot's outbound token when the authority is a test endpoint it cannot discover by itself. */
function customAuthorityCredentials(bot: BotConfig & { appId: string; loginUrl: string }): MsalServiceClientCredentialsFactory {
  const app = new ConfidentialClientApplication({
    auth: { clientId: bot.appId, clientSecret: bot.password ?? '', ...msalAuthorityOptions(bot.loginUrl) },
  });
  return new MsalServiceClientCredentialsFactory(bot.appId, app);
}

/** Connector clients by service URL and audience, kept across turns (a deployment is one bot). */
type ClientCache = Map<string, Promise<ConnectorClient>>;
const MAX_CACHED_CLIENTS = 100;

/**
 * A ConnectorFactory whose clients retry with our policy instead of the SDK's default one, and are reused:
 * botbuilder builds a new client (HTTP pipeline and credentials) for every turn, which the benchmark's
 * profile showed as a cost of its own; a client is stateless, and its credentials cache their token.
 */
class RetryingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly install: (client: ConnectorClient) => void,
    private readonly cache: ClientCache,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${serviceUrl}\n${audience ?? ''}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const created = this.inner.create(serviceUrl, audience).then((client) => {
      this.install(client);
      return client;
    });
    if (this.cache.size >= MAX_CACHED_CLIENTS) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, created);
    created.catch(() => this.cache.delete(key));
    return created;
  }
}

/** botbuilder's authentication as it is, with every connector factory it hands out made retrying. */
class RetryingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly clients: ClientCache = new Map();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly install: (client: ConnectorClient) => void,
  ) {
    super();
  }

  private wrap(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory ? { ...result, connectorFactory: new RetryingConnectorFactory(result.connectorFactory, this.install, this.clients) } : result;
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.wrap(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.wrap(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new RetryingConnectorFactory(this.inner.createConnectorFactory(claimsIdentity), this.install, this.clients);
  }

  /**
   * CloudAdapter builds a user-token client (a whole HTTP pipeline) for every turn, though it depends only on
   * the bot's app id; the profile showed it at about 4 % of a turn. Kept per app id, as connector clients are.
   */
  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const appId = claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
    const cached = this.userTokenClients.get(appId);
    if (cached) return cached;
    const created = this.inner.createUserTokenClient(claimsIdentity);
    if (this.userTokenClients.size >= MAX_CACHED_CLIENTS) this.userTokenClients.delete(this.userTokenClients.keys().next().value as string);
    this.userTokenClients.set(appId, created);
    created.catch(() => this.userTokenClients.delete(appId));
    return created;
  }

  override createBotFrameworkClient() {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }
}

export interface BotAnswer {
  status: number;
  body?: unknown;
}

const UNAUTHORIZED: BotAnswer = {
  status: 401,
  body: { code: 'Unauthorized', message: 'The request is not authorized: its Bot Framework token is missing or was not accepted.' },
};

/** A short, token-free description of why authentication failed, for the log. */
function refusalReason(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  // botbuilder's and jsonwebtoken's messages name claims, never the token; cut any JWT-looking run all the same.
  return text.replace(/[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+/g, '[token]').slice(0, 300);
}

/** As botbuilder's CloudAdapter.process does before a turn: timestamps become Dates (raw text kept). */
function withDates(activity: Activity): Activity {
  const a = activity as Activity & Record<string, unknown>;
  for (const [key, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    const v = a[key];
    if (typeof v === 'string') {
      a[raw] = v;
      a[key] = new Date(v);
    }
  }
  return activity;
}

export class RadslagAdapter extends CloudAdapter {
  constructor(
    auth: BotFrameworkAuthentication,
    private readonly log: Logger,
  ) {
    super(auth);
  }

  /**
   * One POST to /api/messages whose body is already checked to be an activity: authenticates it (any
   * failure is 401, fail closed), runs the turn, and says what to answer (an invoke's response, else 200).
   */
  async processRequest(
    activity: Activity,
    authorization: string,
    logic: (context: TurnContext) => Promise<void>,
    checkFields: (activity: Activity) => { status: number; body: unknown; reason: string } | undefined = () => undefined,
  ): Promise<BotAnswer> {
    let auth: AuthenticateRequestResult;
    try {
      auth = await this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
    } catch (e) {
      this.log.warn(
        { reason: refusalReason(e), activityType: activity.type, activityId: activity.id, channelId: activity.channelId, serviceUrl: activity.serviceUrl, hasAuthorization: authorization !== '' },
        'refused an activity: its Bot Framework token is missing or was not accepted',
      );
      return UNAUTHORIZED;
    }
    // Authenticated, and still malformed: refused before the turn (400, not redelivered), nothing stored.
    const refusal = checkFields(activity);
    if (refusal) {
      this.log.warn({ reason: refusal.reason, activityType: activity.type, activityName: activity.name, activityId: activity.id }, 'refused a malformed activity: nothing was stored');
      return { status: refusal.status, body: refusal.body };
    }
    let invoke: InvokeResponse | undefined;
    try {
      invoke = await this.processActivity(auth, withDates(activity), logic);
    } catch (e) {
      // The database did not answer (down, restarting, too slow): 503, "try again", not 500. Nothing was
      // acknowledged, and a redelivery stores once (everything is keyed by the activity's id).
      if (isStoreUnavailable(e)) {
        this.log.warn({ err: e, activityType: activity.type, activityId: activity.id }, 'the store is unavailable: the activity is answered 503');
        return { status: 503, body: { code: 'StoreUnavailable', message: 'The database does not answer; nothing was stored. Try again.' } };
      }
      this.log.error({ err: e, activityType: activity.type, activityId: activity.id }, 'the activity could not be processed');
      return { status: 500, body: { code: 'InternalError', message: 'The activity could not be processed.' } };
    }
    return { status: invoke?.status ?? 200, ...(invoke?.body === undefined ? {} : { body: invoke.body }) };
  }
}

export function createAdapter(bot: BotConfig, log: Logger): RadslagAdapter {
  let auth: ConfigurationBotFrameworkAuthentication;
  if (!bot.appId) {
    auth = new ConfigurationBotFrameworkAuthentication({});
  } else if (bot.openIdMetadataUrl && bot.loginUrl) {
    // Test endpoints: once one endpoint is overridden botbuilder treats the cloud as custom, so all four go together.
    auth = new ConfigurationBotFrameworkAuthentication(
      {
        MicrosoftAppId: bot.appId,
        MicrosoftAppTenantId: bot.tenantId,
        MicrosoftAppType: bot.type,
        ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl,
        ToBotFromChannelTokenIssuer: BOT_FRAMEWORK,
        ToChannelFromBotLoginUrl: bot.loginUrl,
        ToChannelFromBotOAuthScope: BOT_FRAMEWORK,
      },
      customAuthorityCredentials({ ...bot, appId: bot.appId, loginUrl: bot.loginUrl }),
    );
  } else if (bot.certificate && bot.type !== 'UserAssignedMSI') {
    // A certificate instead of a secret: the outbound token is asked for with a signed client assertion.
    const options = { MicrosoftAppId: bot.appId, MicrosoftAppType: bot.type, MicrosoftAppTenantId: bot.tenantId };
    auth = new ConfigurationBotFrameworkAuthentication(options, new CertificateServiceClientCredentialsFactory(bot.appId, bot.certificate.thumbprint, bot.certificate.privateKey, bot.tenantId));
  } else {
    const options = {
      MicrosoftAppId: bot.appId,
      MicrosoftAppPassword: bot.password,
      MicrosoftAppType: bot.type,
      MicrosoftAppTenantId: bot.tenantId,
    };
    auth = new ConfigurationBotFrameworkAuthentication(options, new ConfigurationServiceClientCredentialFactory(options));
  }

  const retries = connectorRetryPolicy(log);
  let warned = false;
  const install = (client: ConnectorClient) => {
    if (!useConnectorRetries(client, retries) && !warned) {
      warned = true;
      log.warn('the Bot Connector client is not shaped as botbuilder 4.23 builds it: its own default retries apply');
    }
  };
  const adapter = new RadslagAdapter(new RetryingBotFrameworkAuthentication(auth, install), log);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    // The database is away: the turn answers 503 and Teams delivers it again. Telling the user "something
    // went wrong" at every redelivery would be noise, and a store outage is logged where it is answered.
    if (isStoreUnavailable(error)) throw error;
    log.error({ err: error, activityType: context.activity.type, activityId: context.activity.id }, 'unhandled error in a bot turn');
    if (context.activity.type === 'message') {
      try {
        await context.sendActivity(MessageFactory.text(translator(localeOf(context.activity.locale))('error.unexpected')));
      } catch (sendError) {
        log.error({ err: sendError }, 'could not tell the user about the error');
      }
    }
    // The request is not acknowledged (500): a 2xx means what it asked for is stored. A redelivery of the
    // same activity is safe, since everything it stores is keyed by the activity's id.
    throw error;
  };
  return adapter;
}
