// CI smoke check of `npm start`: waits for health, loads the web client, signs in as the demo commission admin and
// lists the KI Pusat bodies. With `create`, also registers a body; with `after-restart`, checks that body is still
// there (DATA_DIR kept it) and that the demo was not seeded twice.
// Usage: node test/smoke.mjs http://localhost:3000 [create|after-restart]
const base = process.argv[2] ?? 'http://localhost:3000';
const mode = process.argv[3] ?? '';
const RESTART_BODY = 'Badan Uji Mulai Ulang';
const deadline = Date.now() + 180_000;
const fail = (msg) => {
  console.error(`smoke: ${msg}`);
  process.exit(1);
};

while (true) {
  try {
    const res = await fetch(`${base}/api/health`);
    if (res.ok) break;
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) fail('the server did not become healthy within 180 s');
  await new Promise((r) => setTimeout(r, 500));
}
const health = await (await fetch(`${base}/api/health`)).json();
if (health.database !== 'pglite') fail(`expected the embedded database, got ${JSON.stringify(health)}`);

const page = await fetch(`${base}/`);
const html = await page.text();
if (!page.ok || !page.headers.get('content-type')?.includes('text/html') || !html.includes('/assets/')) {
  fail('GET / does not serve the built web client');
}

const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'admin@kipusat.demo', password: 'informatif-demo' }),
});
if (login.status !== 200) fail(`demo login answered ${login.status}`);
const cookie = login.headers.get('set-cookie')?.split(';')[0];
if (!cookie) fail('no session cookie');
const { user } = await login.json();
const cid = user.roles.find((r) => r.role === 'commission_admin')?.commissionId;
const bodies = await (await fetch(`${base}/api/commissions/${cid}/bodies?limit=1000`, { headers: { cookie } })).json();
if (!bodies.bodies?.some((b) => b.name === 'Kementerian Keuangan'))
  fail('the KI Pusat body list lacks Kementerian Keuangan');
if (mode === 'create') {
  const created = await fetch(`${base}/api/commissions/${cid}/bodies`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: new URL(base).origin },
    body: JSON.stringify({ name: RESTART_BODY, categoryCode: 'LNS' }),
  });
  if (created.status !== 201) fail(`creating a body answered ${created.status}`);
}
if (mode === 'after-restart') {
  const names = bodies.bodies.map((b) => b.name);
  if (!names.includes(RESTART_BODY)) fail('the body created before the restart is gone');
  if (names.filter((n) => n === 'Kementerian Keuangan').length !== 1) fail('the demo was seeded twice');
}
console.log(`smoke: ok (${bodies.total} bodies, signed in as ${user.email}${mode ? `, ${mode}` : ''})`);
