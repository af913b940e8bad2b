'use strict';
// restify 11 requires 'spdy' when it is loaded and uses it only for `createServer({ spdy: … })`, which
// SST Bridge never does (src/adapters/http/server.ts). The real spdy loads http-deceiver, which calls
// process.binding('http_parser'): a DEP0111 warning on Node 20-22 and "No such module" on Node 24.
/* global module */
module.exports = {
  createServer() {
    throw new Error('SPDY servers are not supported in SST Bridge (vendor/spdy-unsupported)');
  },
};
