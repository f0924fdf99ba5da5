'use strict';

// Portico's development Strapi (src/cms-dev/strapi.sh copies this into its cached project on every start).
//
// On an empty database, and only when strapi.sh started it (PORTICO_STRAPI_RUN_DIR is set), bootstrap creates:
//   - the locale 'de' beside the default 'en';
//   - a super admin (PORTICO_STRAPI_ADMIN_EMAIL / PORTICO_STRAPI_ADMIN_PASSWORD);
//   - a full-access API token, its access key written to $PORTICO_STRAPI_RUN_DIR/api-token (mode 600);
//   - seed content: page 'about-strapi' published in en and de, page 'portico-draft' (a draft, en only),
//     block 'welcome' published in en and de;
//   - when PORTICO_STRAPI_WEBHOOK_URL is set, a webhook to it for entry create/update/delete/publish/unpublish with
//     the header X-Portico-Webhook-Secret: $PORTICO_STRAPI_WEBHOOK_SECRET (created last, so seeding sends nothing;
//     see src/portico-webhook.js). Tests can set it later through POST /api/portico/webhook.
// Then it writes $PORTICO_STRAPI_RUN_DIR/ready, which strapi.sh waits for.

const fs = require('node:fs');
const path = require('node:path');

const webhook = require('./portico-webhook');

const text = (value, marks = {}) => ({ type: 'text', text: value, ...marks });

// Blocks rich text: a heading, a paragraph with a link, a list.
const aboutBody = {
  en: [
    { type: 'heading', level: 2, children: [text('Pages from Strapi')] },
    {
      type: 'paragraph',
      children: [
        text('Portico reads this page over the '),
        { type: 'link', url: 'https://docs.strapi.io/cms/api/rest', children: [text('Strapi REST API')] },
        text(' & shows it '),
        text('inside the portal', { bold: true }),
        text('.'),
      ],
    },
    {
      type: 'list',
      format: 'unordered',
      children: [
        { type: 'list-item', children: [text('Published pages only')] },
        { type: 'list-item', children: [text('In English and German')] },
      ],
    },
  ],
  de: [
    { type: 'heading', level: 2, children: [text('Seiten aus Strapi')] },
    {
      type: 'paragraph',
      children: [
        text('Portico liest diese Seite über die '),
        { type: 'link', url: 'https://docs.strapi.io/cms/api/rest', children: [text('REST-API von Strapi')] },
        text(' & zeigt sie '),
        text('im Portal', { bold: true }),
        text('.'),
      ],
    },
    {
      type: 'list',
      format: 'unordered',
      children: [
        { type: 'list-item', children: [text('Nur veröffentlichte Seiten')] },
        { type: 'list-item', children: [text('Auf Englisch und Deutsch')] },
      ],
    },
  ],
};

const paragraph = (value) => [{ type: 'paragraph', children: [text(value)] }];

async function createLocalized(uid, localized, { publish }) {
  const documents = strapi.documents(uid);
  const [first, ...others] = Object.keys(localized);
  const created = await documents.create({ locale: first, data: localized[first] });
  for (const locale of others) {
    // Updating a document in a locale it does not have yet creates that locale's version.
    await documents.update({ documentId: created.documentId, locale, data: localized[locale] });
  }
  if (publish) {
    for (const locale of Object.keys(localized)) {
      await documents.publish({ documentId: created.documentId, locale });
    }
  }
  return created.documentId;
}

async function seed(runDir) {
  const env = process.env;
  const locales = strapi.plugin('i18n').service('locales');
  if (!(await locales.findByCode('de'))) {
    await locales.create({ code: 'de', name: 'German (de)' });
  }

  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email: env.PORTICO_STRAPI_ADMIN_EMAIL,
    firstname: 'Portico',
    lastname: 'Tests',
    password: env.PORTICO_STRAPI_ADMIN_PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });

  const token = await strapi.service('admin::api-token').create({
    name: 'portico-it',
    description: 'Portico integration tests (full access)',
    type: 'full-access',
    lifespan: null,
  });
  fs.writeFileSync(path.join(runDir, 'api-token'), token.accessKey, { mode: 0o600 });

  // Titles with an apostrophe and an ampersand, so escaping gets exercised.
  await createLocalized(
    'api::page.page',
    {
      en: {
        title: "Strapi's pages & Portico",
        slug: 'about-strapi',
        summary: 'How Portico shows pages written in Strapi.',
        body: aboutBody.en,
      },
      de: {
        title: 'Strapis Seiten & Portico',
        slug: 'about-strapi',
        summary: 'Wie Portico Seiten aus Strapi zeigt.',
        body: aboutBody.de,
      },
    },
    { publish: true }
  );
  await createLocalized(
    'api::page.page',
    {
      en: {
        title: 'A draft Portico must not show',
        slug: 'portico-draft',
        summary: 'Work in progress.',
        body: paragraph('Work in progress.'),
      },
    },
    { publish: false }
  );
  await createLocalized(
    'api::block.block',
    {
      en: { key: 'welcome', title: 'Welcome', body: paragraph('Welcome to Portico.') },
      de: { key: 'welcome', title: 'Willkommen', body: paragraph('Willkommen bei Portico.') },
    },
    { publish: true }
  );

  if (env.PORTICO_STRAPI_WEBHOOK_URL) {
    await webhook.set(strapi, env.PORTICO_STRAPI_WEBHOOK_URL, env.PORTICO_STRAPI_WEBHOOK_SECRET);
  }
}

module.exports = {
  register() {},

  async bootstrap({ strapi }) {
    const runDir = process.env.PORTICO_STRAPI_RUN_DIR;
    if (!runDir) {
      return;
    }
    if ((await strapi.db.query('admin::user').count()) === 0) {
      await seed(runDir);
      strapi.log.info('Portico: seeded the empty database');
    }
    fs.writeFileSync(path.join(runDir, 'ready'), new Date().toISOString() + '\n');
  },
};
