// `npm run openapi [file]`: writes the OpenAPI 3.1 document (default: stdout).
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../shared/api/openapi';

const text = JSON.stringify(openApiDocument(), null, 2) + '\n';
const target = process.argv[2];
if (target) {
  writeFileSync(target, text);
  console.error(`wrote ${target}`);
} else process.stdout.write(text);
