import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** `dashboard/public/` in the source tree (the compiled server lives in dist/dashboard/server/). */
export const PUBLIC_DIR = fileURLToPath(new URL('../../../dashboard/public/', import.meta.url));

export interface StaticFile {
  type: string;
  body: Buffer;
}

/**
 * The page's files, read once at start: regular files directly in the public folder with a known
 * type (no symlinks, no subfolders). A request is looked up by exact name in this table, so no
 * request path ever reaches the file system.
 */
export function loadPublicFiles(dir = PUBLIC_DIR): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const type = TYPES[extname(name)];
    if (!type || !lstatSync(path).isFile()) continue;
    files.set('/' + name, { type, body: readFileSync(path) });
  }
  const index = files.get('/index.html');
  if (index) files.set('/', index);
  return files;
}
