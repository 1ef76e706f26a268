// The dashboard's read-only JSON API (same origin).
async function get(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${(await res.json().catch(() => ({}))).error ?? ''}`);
  return res.json();
}

const q = (params) => new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null)).toString();

export const api = {
  runs: () => get('/api/runs'),
  stats: (run) => get(`/api/runs/${run}/stats`),
  signal: (run, step, name) => get(`/api/runs/${run}/signal?${q({ step, name })}`),
  examples: (run, params) => get(`/api/runs/${run}/examples?${q(params)}`),
  progress: (run) => get(`/api/runs/${run}/progress`),
};
