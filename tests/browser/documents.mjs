// The shipped documents as the browser tests read them from content/documents: which documents a
// search should find is decided from the sources, not from the built pages.

import fs from 'node:fs';
import path from 'node:path';

/** The documents under `content`: slug, folder (year), language, title and body. */
export function documents(content) {
  const out = [];
  const dir = path.join(content, 'documents');
  for (const folder of fs.readdirSync(dir)) {
    for (const file of fs.readdirSync(path.join(dir, folder)).filter((f) => f.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(dir, folder, file), 'utf8');
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)[1];
      const field = (name) => (new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(front) || [])[1]?.trim() ?? '';
      out.push({ slug: file.slice(0, -3), folder, lang: field('lang'), title: field('title'), body: text.slice(front.length + 8) });
    }
  }
  return out;
}
