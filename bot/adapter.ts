/**
 * botbuilder's CloudAdapter, configured from our BotConfig. Everything botbuilder-specific about
 * authentication stays in this file, so a move to the Microsoft 365 Agents SDK touches bot/ only.
 */
import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import { MsalServiceClientCredentialsFactory } from 'botframework-connector';
import type { Logger } from 'pino';
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

export function createAdapter(bot: BotConfig, log: Logger): CloudAdapter {
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
  } else {
    const options = {
      MicrosoftAppId: bot.appId,
      MicrosoftAppPassword: bot.password,
      MicrosoftAppType: bot.type,
      MicrosoftAppTenantId: bot.tenantId,
    };
    auth = new ConfigurationBotFrameworkAuthentication(options, new ConfigurationServiceClientCredentialFactory(options));
  }

  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    log.error({ err: error, activityType: context.activity.type, activityId: context.activity.id }, 'unhandled error in a bot turn');
    if (context.activity.type === 'message') {
      try {
        await context.sendActivity(MessageFactory.text(translator(localeOf(context.activity.locale))('error.unexpected')));
      } catch (sendError) {
        log.error({ err: sendError }, 'could not tell the user about the error');
      }
    }
  };
  return adapter;
}
