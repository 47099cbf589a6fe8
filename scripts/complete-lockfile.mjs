// Completes package-lock.json with the platform-specific optional packages that npm could not record.
// Why: the registry mirror these machines reach serves only Linux builds of packages such as @swc/core-*,
// @esbuild/* or @unrs/resolver-binding-*; `npm install` then leaves the other platforms' optional packages
// out of the lock file, and `npm ci` refuses the lock file as out of sync. Each missing optional package is
// recorded with its version and the os/cpu its name states, so npm ci skips it on other platforms.
// Run after `npm install` changes dependencies: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];
const ALIASES = {
  win: 'win32',
  windows: 'win32',
  macos: 'darwin',
  mac: 'darwin',
  amd64: 'x64',
  x86_64: 'x64',
  aarch64: 'arm64',
  armv7: 'arm',
  gnueabihf: 'arm',
  musleabihf: 'arm',
  eabi: 'arm',
  i686: 'ia32',
};

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path === '' ? '' : `${path}/`;
    const key = `${base}node_modules/${name}`;
    if (packages[key] || packages[`node_modules/${name}`]) continue;
    const parts = name
      .toLowerCase()
      .split(/[-_/@.]+/)
      .map((p) => ALIASES[p] ?? p);
    const os = OS.filter((o) => parts.includes(o));
    const cpu = CPU.filter((c) => parts.includes(c));
    if (os.length === 0 && cpu.length === 0) continue; // not a platform build: leave it to npm
    packages[`node_modules/${name}`] = { version: String(version).replace(/^[^\d]*/, ''), optional: true, ...(os.length ? { os } : {}), ...(cpu.length ? { cpu } : {}) };
    added++;
  }
}
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: recorded ${added} platform-specific optional package(s) npm could not resolve here`);
