/** A small, self-contained page to try a query: no CDN, works on a closed network. */

export interface Example {
  title: string;
  query: string;
  headers?: Record<string, string>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function landingPage(examples: Example[]): string {
  const data = escapeHtml(JSON.stringify(examples));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Doelpoort gateway</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;display:grid;grid-template-columns:1fr 1fr;height:100vh}
header{grid-column:1/3;padding:.5rem 1rem;background:#154273;color:#fff}
section{padding:.5rem 1rem;display:flex;flex-direction:column;gap:.4rem;overflow:auto}
textarea,pre{font-family:ui-monospace,monospace;font-size:13px;flex:1;min-height:10rem}
input,select{font-family:inherit;width:100%}
pre{background:#f4f4f4;padding:.5rem;white-space:pre-wrap;margin:0}
</style></head><body>
<header><strong>Doelpoort</strong> — LSI federation gateway with a privacy layer. Every field about a person or an address is decided by policy before a partner is asked; every empty field says why.</header>
<section>
<label>Example <select id="examples"><option value="">choose…</option></select></label>
<label>Bearer token (<code>npm run token -- --role analist --org sociale-dienst --project wijkaanpak-2026</code>)<input id="token"></label>
<label>Project (x-doelpoort-project)<input id="project"></label>
<label>Purpose (x-doelpoort-purpose)<input id="purpose"></label>
<label>Case (x-doelpoort-case, optional)<input id="case"></label>
<label>Query</label><textarea id="query">{ __typename }</textarea>
<label>Variables (JSON)</label><textarea id="variables" style="min-height:3rem;flex:0">{}</textarea>
<button id="run">Run</button>
</section>
<section><label>Response</label><pre id="out"></pre></section>
<script type="application/json" id="data">${data}</script>
<script>
const examples = JSON.parse(document.getElementById('data').textContent);
const select = document.getElementById('examples');
examples.forEach((e, i) => { const o = document.createElement('option'); o.value = String(i); o.textContent = e.title; select.appendChild(o); });
select.onchange = () => { const e = examples[Number(select.value)]; if (!e) return; document.getElementById('query').value = e.query;
  const h = e.headers || {}; document.getElementById('project').value = h['x-doelpoort-project'] || ''; document.getElementById('purpose').value = h['x-doelpoort-purpose'] || ''; document.getElementById('case').value = h['x-doelpoort-case'] || ''; };
document.getElementById('run').onclick = async () => {
  const headers = { 'content-type': 'application/json' };
  const v = (id) => document.getElementById(id).value.trim();
  if (v('token')) headers.authorization = 'Bearer ' + v('token');
  if (v('project')) headers['x-doelpoort-project'] = v('project');
  if (v('purpose')) headers['x-doelpoort-purpose'] = v('purpose');
  if (v('case')) headers['x-doelpoort-case'] = v('case');
  let variables = {}; try { variables = JSON.parse(v('variables') || '{}'); } catch { document.getElementById('out').textContent = 'Variables are not valid JSON.'; return; }
  const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: document.getElementById('query').value, variables }) });
  document.getElementById('out').textContent = 'HTTP ' + res.status + '\\n' + JSON.stringify(await res.json(), null, 2);
};
</script></body></html>`;
}
