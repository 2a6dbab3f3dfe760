/**
 * HTML for reading and printing: one self-contained page with print styles (A4, tables that do not break
 * inside rows). Every recorded text is escaped, so nothing in a note can become markup or script.
 */
import { escapeHtml as escape } from '../app/html';
import type { Locale } from '../i18n';
import type { Block } from './outline';

const lines = (text: string): string => text.split(/\r?\n/).map(escape).join('<br>');

const STYLE = `
body{font-family:Calibri,"Segoe UI",Arial,sans-serif;font-size:11pt;line-height:1.4;color:#111;max-width:48rem;margin:2rem auto;padding:0 1rem}
h1{font-size:20pt;margin:0 0 .25rem}h2{font-size:14pt;margin:1.5rem 0 .5rem}h3{font-size:12pt;margin:1rem 0 .25rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#eee}caption{text-align:left;font-weight:bold;padding:.25rem 0}.small{font-size:9pt;color:#444}
@media print{body{margin:0;max-width:none}@page{size:A4;margin:2cm}tr{break-inside:avoid}h2,h3{break-after:avoid}}`;

export function toHtml(blocks: readonly Block[], locale: Locale): string {
  const title = blocks.find((b) => b.kind === 'title')?.text ?? '';
  const subtitle = blocks.find((b) => b.kind === 'heading')?.text ?? '';
  const body = blocks.map(block).join('\n');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(`${title} – ${subtitle}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'title':
      return `<h1>${escape(b.text)}</h1>`;
    case 'heading':
      return `<h${b.level}>${escape(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p${b.small ? ' class="small"' : ''}>${b.label ? `<strong>${escape(b.label)}</strong> ` : ''}${lines(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${lines(i)}</li>`).join('')}</ul>`;
    case 'table': {
      const head = b.headers.length > 0 ? `<thead><tr>${b.headers.map((h) => `<th scope="col">${escape(h)}</th>`).join('')}</tr></thead>` : '';
      const rows = b.rows
        .map((r) => `<tr>${r.map((v, i) => (b.firstColumnHeader && i === 0 ? `<th scope="row">${escape(v)}</th>` : `<td>${lines(v)}</td>`)).join('')}</tr>`)
        .join('');
      return `<table>${b.caption ? `<caption>${escape(b.caption)}</caption>` : ''}${head}<tbody>${rows}</tbody></table>`;
    }
  }
}
