// A real OpenID provider (npm oidc-provider) for Hydra's bearer-token tests, on 127.0.0.1 only.
// Usage: node provider.mjs CONFIG.json. Prints one JSON line {"issuer","admin"} once it listens.
// The admin path (a random secret from the config) rotates the signing keys or simulates an outage.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const accounts = new Map(config.accounts.map((account) => [account.id, account]));

// Signing keys: the newest first (it signs), older ones stay published so tokens already issued still verify.
const keys = [];
function addKeys() {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  keys.unshift({ ...rsa, kid: randomUUID(), use: 'sig', alg: 'RS256' }, { ...ec, kid: randomUUID(), use: 'sig', alg: 'ES256' });
}

// The resource servers accept the WLCG scopes and the portal's SMART resource scopes (patient/ImagingStudy.rs), so a
// token response for the portal says which of those it granted; an account's withheldScopes are never granted (a
// patient whose grant lacks a scope). The account is known at the token endpoint, where the granted scope is decided.
function resourceScopes(accountId) {
  const withheld = (accountId && accounts.get(accountId)?.withheldScopes) || [];
  return [...config.scopes, ...config.portalScopes.filter((scope) => scope.startsWith('patient/'))]
    .filter((scope) => !withheld.includes(scope));
}

// One cookie key for the process, so a login under way survives a key rotation (which rebuilds the provider).
const cookieKeys = [randomUUID()];

function build(issuer) {
  const provider = new Provider(issuer, {
    cookies: { keys: cookieKeys },
    clients: config.clients,
    jwks: { keys },
    scopes: ['openid', 'offline_access', ...config.scopes, ...config.portalScopes],
    // SMART App Launch v2: launch/patient puts the patient's identifier in the ID token, fhirUser the user's FHIR resource.
    claims: { openid: ['sub'], wlcg: ['wlcg.groups'], 'launch/patient': ['patient'], fhirUser: ['fhirUser'] },
    // Scope claims go into the ID token of the code flow too (the portal reads `patient` there, not from userinfo).
    conformIdTokenClaims: false,
    ttl: {
      AccessToken: config.accessTokenTtlSeconds,
      ClientCredentials: config.accessTokenTtlSeconds,
      DeviceCode: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    async findAccount(_ctx, id) {
      if (!accounts.has(id)) return undefined;
      const { groups, extraClaims } = accounts.get(id);
      const smart = Object.fromEntries(Object.entries(extraClaims ?? {}).filter(([name]) => name === 'patient' || name === 'fhirUser'));
      return { accountId: id, claims: () => ({ sub: id, 'wlcg.groups': groups, ...smart }) };
    },
    // WLCG JWT profile claims; an account's groups and extra claims (e.g. `patient`) go into its access tokens.
    async extraTokenClaims(_ctx, token) {
      const claims = { 'wlcg.ver': '1.0' };
      const account = token.accountId ? accounts.get(token.accountId) : undefined;
      if (account) Object.assign(claims, { 'wlcg.groups': account.groups }, account.extraClaims ?? {});
      return claims;
    },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      deviceFlow: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => config.defaultResource,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx) => ({
          scope: resourceScopes(ctx.oidc.account?.accountId).join(' '),
          accessTokenTTL: config.accessTokenTtlSeconds,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: config.signingAlgorithm } },
        }),
      },
    },
  });
  // Plain HTTP on loopback: the tests' provider is never behind a proxy.
  provider.proxy = false;
  allowAnyLoopbackPort(provider.Client);
  return provider;
}

// The portal's https redirects on 127.0.0.1 match on any port (a test bridge binds port 0); RFC 8252 loopback port
// matching covers http only, so it is added for the listed clients alone.
function allowAnyLoopbackPort(Client) {
  const anyPort = (value, allowed) => {
    let url;
    try {
      url = new URL(value);
    } catch {
      return false;
    }
    if (url.protocol !== 'https:' || url.hostname !== '127.0.0.1') return false;
    url.port = '';
    return allowed.includes(url.href);
  };
  for (const [method, list] of [['redirectUriAllowed', 'redirectUris'], ['postLogoutRedirectUriAllowed', 'postLogoutRedirectUris']]) {
    const original = Client.prototype[method];
    Client.prototype[method] = function allowed(value) {
      return original.call(this, value) || (config.anyLoopbackPortClients.includes(this.clientId) && anyPort(value, this[list] ?? []));
    };
  }
}

// 'none' answers; 'refuse' resets each connection; 'hang' accepts and never answers (fail-closed tests).
let outage = 'none';
let current;
const adminPrefix = `/admin/${config.adminSecret}/`;

function admin(req, res) {
  const action = req.url.slice(adminPrefix.length);
  if (action === 'rotate') {
    addKeys();
    current = build(current.issuer);
  } else if (action.startsWith('outage/')) {
    outage = action.slice('outage/'.length);
  } else {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kid: keys[0].kid, outage }));
}

const server = createServer((req, res) => {
  if (req.url.startsWith(adminPrefix)) return admin(req, res);
  if (outage === 'refuse') return req.socket.destroy();
  if (outage === 'hang') return undefined;
  return current.callback()(req, res);
});

addKeys();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  current = build(issuer);
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
