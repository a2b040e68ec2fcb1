// HTML for the IdP's own pages (login form, logout confirmation). Every dynamic value is escaped.
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${escapeHtml(title)} · Portico development IdP</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;padding:2rem 2.5rem;border-radius:8px;box-shadow:0 2px 12px #0002;width:22rem}
h1{font-size:1.3rem;margin:0 0 .3rem}p.note{color:#666;font-size:.85rem;margin:0 0 1.2rem}
label{display:block;font-size:.9rem;margin:.8rem 0 .3rem}input{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}
button{margin-top:1.2rem;width:100%;padding:.6rem;font-size:1rem;background:#2b59c3;color:#fff;border:0;border-radius:4px;cursor:pointer}
.error{background:#fde8e8;color:#9b1c1c;padding:.5rem;border-radius:4px;font-size:.9rem}
</style></head><body><main>${body}</main></body></html>`;
}

export function loginPage(opts: { uid: string; clientId: string; email?: string; error?: string }): string {
  const error = opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : '';
  return layout('Sign in', `<h1>Sign in</h1>
<p class="note">to <strong>${escapeHtml(opts.clientId)}</strong> — development identity provider, not for production</p>
${error}
<form method="post" action="/interaction/${encodeURIComponent(opts.uid)}/login" autocomplete="on">
<label for="email">Email</label>
<input id="email" name="email" type="email" required autofocus value="${escapeHtml(opts.email ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" required>
<button type="submit">Sign in</button>
</form>`);
}

/** Body of oidc-provider's logoutSource: `form` is the library's own form (with its xsrf token), submitted here. */
export function logoutPage(form: string, clientId: string | undefined): string {
  return layout('Sign out', `<h1>Sign out</h1>
<p class="note">${clientId ? `${escapeHtml(clientId)} asked to sign you out.` : 'Sign out of the development IdP?'}</p>
${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`);
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
