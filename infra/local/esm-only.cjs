// @middy/* publish ES modules only: their "exports" have just an "import" condition. Lambda bundles (esbuild)
// and jest (moduleNameMapper) resolve them; the local runtime runs the TypeScript sources as CommonJS under tsx,
// so this preload tells require() where those modules are. (A global `--conditions=import` would also switch
// dual packages such as big.js to their ES builds under require(), which breaks their CommonJS callers.)
const Module = require('node:module');
const path = require('node:path');

const root = path.join(__dirname, '..', '..', 'node_modules');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (/^@middy\/[a-z0-9-]+$/.test(request)) return path.join(root, request, 'index.js');
  return resolve.call(this, request, ...rest);
};
