import { PROBLEMS } from '../lib/problem.ts';
import { escapeHtml } from '../lib/html.ts';

type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
};
type Document = {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
};

/** A readable, self-contained HTML reference of the OpenAPI document: no scripts, no CDN. */
export function renderDocs(doc: Document): string {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? 'other'))];
  const section = (tag: string) => `
    <section aria-labelledby="tag-${tag}"><h2 id="tag-${tag}">${escapeHtml(tag)}</h2>
    ${operations
      .filter((o) => (o.op.tags?.[0] ?? 'other') === tag)
      .map(({ path, method, op }) => {
        const body = op.requestBody?.content?.['application/json']?.schema;
        return `<article><h3><code class="m">${method.toUpperCase()}</code> <code>${escapeHtml(path)}</code></h3>
        <p>${escapeHtml(op.summary ?? '')}${op.security?.length ? ' <em>(signed in)</em>' : ''}</p>
        ${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
        ${op.parameters?.length ? `<p>Parameters: ${op.parameters.map((p) => `<code>${escapeHtml(p.name)}</code> (${p.in}${p.required ? ', required' : ''})`).join(', ')}</p>` : ''}
        ${body ? `<details><summary>Request body</summary><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre></details>` : ''}
        <ul>${Object.entries(op.responses ?? {})
          .map(([status, r]) => `<li><code>${status}</code> ${escapeHtml(r.description ?? '')}</li>`)
          .join('')}</ul></article>`;
      })
      .join('')}</section>`;
  const problemsList = Object.entries(PROBLEMS)
    .map(
      ([code, p]) =>
        `<li id="problem-${code}"><code>${code}</code> (${p.status}): ${escapeHtml(p.title)}. <q lang="nl">${escapeHtml(p.messages.nl)}</q></li>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(doc.info.title)} API reference</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem;color:#1a1a1a}
article{border-top:1px solid #ccc;padding:.5rem 0}code.m{font-weight:bold;color:#005a9c}pre{background:#f4f4f4;padding:.5rem;overflow:auto}</style></head>
<body><header><h1>${escapeHtml(doc.info.title)} API <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description ?? '')}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<nav aria-label="Sections"><ul>${tags.map((t) => `<li><a href="#tag-${t}">${escapeHtml(t)}</a></li>`).join('')}<li><a href="#problems">problems</a></li></ul></nav></header>
<main>${tags.map(section).join('')}
<section aria-labelledby="problems"><h2 id="problems">Problems</h2><p>Every error is <code>application/problem+json</code> (RFC 9457) with a stable <code>code</code> and end-user <code>messages</code> in nl, fr and en.</p><ul>${problemsList}</ul></section></main></body></html>`;
}
