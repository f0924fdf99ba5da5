'use strict';

// The one webhook Portico's tests point at the Portico under test: named 'portico', sent for the entry events
// Portico needs, authenticated by the header X-Portico-Webhook-Secret (Strapi signs no bodies).
// Used by the bootstrap (src/index.js) and by the route /api/portico/webhook (src/api/portico/).
//
// It goes through Strapi's webhook store and runner directly: the admin API (POST /admin/webhooks) refuses URLs
// that resolve to loopback or private addresses when NODE_ENV=production (Strapi's SSRF guard, no opt-out in 5.54).

const NAME = 'portico';
const EVENTS = ['entry.create', 'entry.update', 'entry.delete', 'entry.publish', 'entry.unpublish'];
const SECRET_HEADER = 'X-Portico-Webhook-Secret';

async function find(strapi) {
  return (await strapi.get('webhookStore').findWebhooks()).filter((webhook) => webhook.name === NAME);
}

async function remove(strapi) {
  for (const webhook of await find(strapi)) {
    await strapi.get('webhookStore').deleteWebhook(webhook.id);
    strapi.get('webhookRunner').remove(webhook);
  }
}

// Replaces the webhook (there is at most one).
async function set(strapi, url, secret) {
  await remove(strapi);
  const webhook = await strapi.get('webhookStore').createWebhook({
    name: NAME,
    url,
    headers: secret ? { [SECRET_HEADER]: secret } : {},
    events: EVENTS,
    isEnabled: true,
  });
  strapi.get('webhookRunner').add(webhook);
  return webhook;
}

// What may be shown: never the secret.
function view(webhook) {
  return webhook ? { id: webhook.id, url: webhook.url, events: webhook.events } : { id: null, url: null, events: [] };
}

module.exports = { NAME, EVENTS, SECRET_HEADER, find, remove, set, view };
