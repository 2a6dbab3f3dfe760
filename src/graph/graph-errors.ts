/**
 * What src/graph throws. Every failure is one of these, with a stable `code`, so a caller (and the log)
 * can tell an answer from Graph (`GraphRequestError`), a token refused by Entra ID
 * (`GraphAuthenticationError`) and a connection that never got an answer (`GraphTransportError`).
 */

export abstract class GraphFailure extends Error {
  abstract readonly code: string;
}

/** Graph answered with an HTTP error, or with a body that is not the documented shape. */
export class GraphRequestError extends GraphFailure {
  override readonly name = 'GraphRequestError';

  constructor(
    readonly method: string,
    /** The request path below the version segment, e.g. `/users/{id}/events`. */
    readonly path: string,
    readonly status: number,
    /** Graph's `error.code` (e.g. `ErrorItemNotFound`, `TooManyRequests`), or `UnexpectedResponse`. */
    readonly code: string,
    /** Graph's `error.message`, as Graph wrote it. */
    readonly graphMessage: string,
    /** Graph's `request-id`: what Microsoft support asks for. */
    readonly requestId?: string,
    /** Graph's `error.innerError.code`, where it names the refusal (e.g. `SpeakerAttributionNotAllowed`). */
    readonly innerCode?: string,
  ) {
    super(`Graph ${method} ${path} answered ${status} ${code}: ${graphMessage}${requestId ? ` (request-id ${requestId})` : ''}`);
  }
}

/** Entra ID gave no token for Graph: wrong client secret, unknown client or tenant, authority unreachable. */
export class GraphAuthenticationError extends GraphFailure {
  override readonly name = 'GraphAuthenticationError';

  constructor(
    /** MSAL's error code, e.g. `invalid_client` (wrong secret) or `unauthorized_client` (unknown app id). */
    readonly code: string,
    readonly authority: string,
    description: string,
    options?: { cause?: unknown },
  ) {
    super(`No Microsoft Graph token from ${authority}: ${code}: ${description}`, options);
  }
}

/** The request to Graph got no HTTP answer: DNS, refused connection, untrusted TLS certificate, reset. */
export class GraphTransportError extends GraphFailure {
  override readonly name = 'GraphTransportError';

  constructor(
    /** The underlying error's code (`ECONNREFUSED`, `UNABLE_TO_VERIFY_LEAF_SIGNATURE`, …) or `NetworkError`. */
    readonly code: string,
    readonly method: string,
    readonly url: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Graph ${method} ${url} got no answer: ${code}: ${detail}`, options);
  }
}
