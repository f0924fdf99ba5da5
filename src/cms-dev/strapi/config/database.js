'use strict';

const path = require('node:path');

// SQLite only. DATABASE_FILENAME may be absolute (strapi.sh gives every start a fresh file in its --dir); a
// relative name is taken from the project's folder. (The generated config joins it to the folder, which breaks
// absolute names.)
module.exports = ({ env }) => ({
  connection: {
    client: 'sqlite',
    connection: {
      filename: path.resolve(__dirname, '..', env('DATABASE_FILENAME', '.tmp/data.db')),
    },
    useNullAsDefault: true,
  },
});
