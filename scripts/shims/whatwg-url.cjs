// node-fetch 2 uses `Url.URL || whatwgUrl.URL`; Node always has URL, so the bundle maps
// whatwg-url (and its 260 KB tr46 table) to Node's own implementation.
module.exports = { URL: require('node:url').URL };
