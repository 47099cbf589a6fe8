/** A construct id from a topology name: 'api-keys' + 'Table' → 'ApiKeysTable'. */
export const constructId = (name: string, suffix = ''): string =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join('') + suffix;
