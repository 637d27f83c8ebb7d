// A Bot Framework SDK for JavaScript (botbuilder 4.x) bot answering the benchmark's message activity
// with a reply through the Bot Connector, for comparison with ProductOps (bench/README.md, "Teams").
// Authentication is on: channel tokens are validated by botbuilder against the OpenID metadata and
// keys of the benchmark's fake Bot Framework (BENCH_OPENID_METADATA), with the usual issuer,
// audience, endorsement and serviceurl checks.
const http = require('http');
const {
  ActivityHandler,
  CloudAdapter,
} = require('botbuilder');
const {
  AuthenticationConfiguration,
  AuthenticationConstants,
  BotFrameworkAuthenticationFactory,
  ServiceClientCredentialsFactory,
} = require('botframework-connector');

const appId = process.env.MicrosoftAppId;
const appPassword = process.env.MicrosoftAppPassword;
const tokenEndpoint = process.env.BENCH_TOKEN_ENDPOINT;

// botbuilder's own credentials use MSAL, which only talks to https authorities. This factory does
// the same client-credentials grant against the fake token endpoint over loopback and caches the
// token until five minutes before it expires, as MSAL does.
class LoopbackCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor() {
    super();
    this.cached = null;
    this.pending = null;
  }

  async isValidAppId(id) { return id === appId; }

  async isAuthenticationDisabled() { return false; }

  async createCredentials() {
    const factory = this;
    return {
      async signRequest(webResource) {
        webResource.headers.set('Authorization', `Bearer ${await factory.token()}`);
        return webResource;
      },
    };
  }

  async token() {
    if (this.cached && Date.now() < this.cached.expiresAt) return this.cached.token;
    this.pending ??= (async () => {
      const response = await fetch(tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials', client_id: appId, client_secret: appPassword,
          scope: AuthenticationConstants.ToChannelFromBotOAuthScope + '/.default',
        }),
      });
      const body = await response.json();
      this.cached = { token: body.access_token, expiresAt: Date.now() + (body.expires_in - 300) * 1000 };
      return this.cached.token;
    })().finally(() => { this.pending = null; });
    return this.pending;
  }
}

const auth = BotFrameworkAuthenticationFactory.create(
  '', // public cloud
  true,
  AuthenticationConstants.ToChannelFromBotLoginUrl,
  AuthenticationConstants.ToChannelFromBotOAuthScope,
  AuthenticationConstants.ToBotFromChannelTokenIssuer, // https://api.botframework.com
  AuthenticationConstants.OAuthUrl,
  process.env.BENCH_OPENID_METADATA, // the fake Bot Framework's metadata and keys
  AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  'urn:botframework:azure',
  new LoopbackCredentialsFactory(),
  new AuthenticationConfiguration(),
);
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (context, error) => {
  console.error('turn error', error);
};

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`You said: ${context.activity.text}`);
      await next();
    });
  }
}
const bot = new EchoBot();

// A plain Node HTTP server with the small request/response surface CloudAdapter.process uses
// (restify or express would add their own cost on top).
const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/messages') {
    res.statusCode = 404;
    res.end();
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      req.body = undefined;
    }
    const shim = {
      socket: res.socket,
      status(code) { res.statusCode = code; return shim; },
      header(name, value) { res.setHeader(name, value); return shim; },
      send(body) {
        if (body === undefined) return;
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json');
        res.write(text);
      },
      end() { res.end(); },
    };
    adapter.process(req, shim, (context) => bot.run(context)).catch((e) => {
      console.error(e);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
});
server.keepAliveTimeout = 65000;
server.listen(Number(process.env.PORT || 5402), '127.0.0.1', () => console.log('botbuilder ready'));
