// A real OpenID provider for Portico's browser tests: npm oidc-provider on 127.0.0.1, one confidential client
// (Portico, code flow with PKCE, RP-initiated logout) and a few users with groups. Started and stopped by the
// ITs (OidcTestProvider.java); prints "READY <issuer>" once it listens. Never for production.
//
// Environment: PORTICO_BASE_URL (e.g. http://127.0.0.1:8180), CLIENT_SECRET, PORT (0 = any free port), KEY_FILE
// (the signing key, created if missing: a restarted provider keeps its key, as a real one does), ISSUER_HOST
// (default 127.0.0.1; 'localhost' makes the provider another site than a Portico on 127.0.0.1, as in real life,
// while it still listens on 127.0.0.1 only).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const newKey = () => ({ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: randomBytes(8).toString('hex'), use: 'sig' });
const keyFile = process.env.KEY_FILE;
if (keyFile && !existsSync(keyFile)) writeFileSync(keyFile, JSON.stringify(newKey()));
const signingKey = keyFile ? JSON.parse(readFileSync(keyFile, 'utf8')) : newKey();

const base = process.env.PORTICO_BASE_URL.replace(/\/$/, '');
const users = {
  olga: { password: 'olga-idp-pass', name: 'Olga Okta', email: 'olga@idp.example', groups: ['portal-users'] },
  adam: { password: 'adam-idp-pass', name: 'Adam Admin-Group', email: 'adam@idp.example', groups: ['portal-users', 'admins'] },
  nora: { password: 'nora-idp-pass', name: 'Nora No-Groups', email: 'nora@idp.example', groups: [] },
  alice: { password: 'alice-idp-pass', name: 'Alice From The IdP', email: 'alice@idp.example', groups: ['portal-users'] },
};

const page = (title, body) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head>
<body><main style="font-family:sans-serif;max-width:24rem;margin:2rem auto"><h1>${title}</h1>${body}</main></body></html>`;
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const loginForm = (uid, error = '') => page('Test IdP sign-in', `${error ? `<p id="idp-error">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}"><label>Username <input id="idp-username" name="username" autofocus></label>
<label>Password <input id="idp-password" type="password" name="password"></label>
<button id="idp-submit" type="submit">Sign in</button></form>`);

const server = createServer();
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const issuer = `http://${process.env.ISSUER_HOST ?? '127.0.0.1'}:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'portico',
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [`${base}/login/oidc/callback`],
      post_logout_redirect_uris: [`${base}/login.xhtml?loggedOut=true`],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    }],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: {
      logoutSource: (ctx, form) => { ctx.body = page('Sign out of the test IdP?', `${form}<button id="idp-logout" type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`); },
    } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: (ctx, out) => { ctx.type = 'html'; ctx.body = page('Test IdP error', `<pre id="idp-error">${escape(JSON.stringify(out))}</pre>`); },
    findAccount: (ctx, id) => users[id] && {
      accountId: id,
      claims: () => ({ sub: id, preferred_username: id, name: users[id].name, email: users[id].email, email_verified: true, groups: users[id].groups }),
    },
  });

  // The interaction pages: a real username/password check, and consent granted silently (a first-party client).
  server.on('request', async (req, res) => {
    const match = req.url.match(/^\/interaction\/([\w-]+)$/);
    if (!match) return provider.callback()(req, res);
    try {
      const { uid, prompt, params, session } = await provider.interactionDetails(req, res);
      if (prompt.name === 'consent') {
        const grant = new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
        grant.addOIDCScope(params.scope);
        return await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      }
      if (req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += chunk;
        const form = new URLSearchParams(body);
        const user = users[form.get('username')];
        if (user && user.password === form.get('password')) {
          return await provider.interactionFinished(req, res, { login: { accountId: form.get('username') } }, { mergeWithLastSubmission: false });
        }
        res.writeHead(200, { 'content-type': 'text/html' }).end(loginForm(uid, 'Wrong username or password.'));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(loginForm(uid));
    } catch (err) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`interaction failed: ${err.message}`);
    }
  });
  console.log(`READY ${issuer}`);
});
// Stops with SIGTERM, and on its own when the test JVM that started it goes away (its stdin closes).
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
process.stdin.on('end', () => process.exit(0)).on('error', () => process.exit(0)).resume();
