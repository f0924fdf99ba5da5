'use strict';

const webhook = require('../../../portico-webhook');

const MIN_SECRET_LENGTH = 16;

module.exports = {
  // GET /api/portico/webhook → {data: {id, url, events}} (url null when there is none); never the secret.
  async getWebhook(ctx) {
    const [found] = await webhook.find(strapi);
    ctx.body = { data: webhook.view(found) };
  },

  // POST /api/portico/webhook {"url": "http://127.0.0.1:8180/…", "secret": "…"} → replaces the webhook.
  async setWebhook(ctx) {
    const { url, secret } = ctx.request.body || {};
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      return ctx.badRequest('url must be an absolute http or https URL, e.g. http://127.0.0.1:8180/api/cms/webhooks/strapi');
    }
    if (!['http:', 'https:'].includes(parsed.protocol) || parsed.username || parsed.password) {
      return ctx.badRequest('url must be an http or https URL without user name or password');
    }
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
      return ctx.badRequest(`secret must be a string of at least ${MIN_SECRET_LENGTH} characters`);
    }
    ctx.body = { data: webhook.view(await webhook.set(strapi, url, secret)) };
  },

  // DELETE /api/portico/webhook → removes it.
  async deleteWebhook(ctx) {
    await webhook.remove(strapi);
    ctx.body = { data: webhook.view(null) };
  },
};
