#!/usr/bin/env node
// Verifies one Portico token the way an app developer would: npm `jose`, the JWKS fetched from Portico's live
// endpoint, the expected issuer, audience and type. Prints one JSON line and exits 0 when the token verifies,
// 1 when it is rejected (the error code says why), 2 on bad usage.
//
//   node verify.mjs --jwks http://127.0.0.1:8180/.well-known/jwks.json --issuer http://127.0.0.1:8180 \
//                   --audience http://localhost:8080/demo-app [--typ at+jwt] --token eyJ...
import { createRemoteJWKSet, jwtVerify } from 'jose';

function option(name, required = true) {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  if (required && !value) {
    console.log(JSON.stringify({ verified: false, code: 'USAGE', message: `--${name} is required` }));
    process.exit(2);
  }
  return value;
}

const jwks = createRemoteJWKSet(new URL(option('jwks')));
const options = {
  issuer: option('issuer'),
  audience: option('audience'),
  algorithms: ['ES256', 'RS256', 'EdDSA'],
};
const typ = option('typ', false);
if (typ) {
  options.typ = typ;
}

try {
  const { payload, protectedHeader } = await jwtVerify(option('token'), jwks, options);
  console.log(JSON.stringify({ verified: true, header: protectedHeader, claims: payload }));
} catch (error) {
  console.log(JSON.stringify({ verified: false, code: error.code ?? 'ERROR', message: error.message }));
  process.exit(1);
}
