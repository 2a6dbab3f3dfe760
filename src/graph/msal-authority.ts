/**
 * MSAL authority settings that need no discovery call. Given the authority's metadata up front, MSAL
 * neither asks the instance-discovery endpoint nor fetches the OpenID configuration, so the same code
 * works for login.microsoftonline.com, a sovereign cloud and a local fake authority in tests (which
 * MSAL would otherwise refuse, as it does not know the host). bot/adapter.ts builds the same settings
 * for the bot's outbound token with it too.
 */
import type { Configuration } from '@azure/msal-node';

export type MsalAuthorityOptions = Required<
  Pick<Configuration['auth'], 'authority' | 'knownAuthorities' | 'authorityMetadata' | 'cloudDiscoveryMetadata'>
>;

/**
 * @param authorityUrl the authority with its tenant, e.g. `https://login.microsoftonline.com/{tenantId}`.
 *   It must be https: MSAL refuses any other scheme.
 */
export function msalAuthorityOptions(authorityUrl: string): MsalAuthorityOptions {
  const authority = authorityUrl.replace(/\/+$/, '');
  const url = new URL(authority);
  if (url.protocol !== 'https:') throw new Error(`The authority must be an https URL (MSAL refuses others): ${authority}`);
  // `host` keeps a non-default port, which MSAL compares when it checks knownAuthorities.
  const host = url.host;
  return {
    authority,
    knownAuthorities: [host],
    authorityMetadata: JSON.stringify({
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      issuer: `${authority}/v2.0`,
      jwks_uri: `${authority}/discovery/v2.0/keys`,
    }),
    cloudDiscoveryMetadata: JSON.stringify({
      tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    }),
  };
}
