// Where `npm run validate` writes the report (read back by the unit test that checks it is current).
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MARKDOWN_PATH = `${REPO_ROOT}docs/accuracy.md`;
export const JSON_PATH = `${REPO_ROOT}src/app/accuracy/accuracy.json`;
