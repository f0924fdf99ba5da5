'use strict';

// Development only: lets a test point this Strapi at the Portico under test with the API token, like
// /wp-json/portico/v1/webhook on the development WordPress. Authenticated (a full-access API token passes).
module.exports = {
  routes: [
    { method: 'GET', path: '/portico/webhook', handler: 'portico.getWebhook' },
    { method: 'POST', path: '/portico/webhook', handler: 'portico.setWebhook' },
    { method: 'DELETE', path: '/portico/webhook', handler: 'portico.deleteWebhook' },
  ],
};
