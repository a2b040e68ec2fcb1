// `npm run bench`: the gateway benchmark (bench/gateway/main.ts). Its last line is the
// "gateway vs nginx" ratio summary. Other suites have their own scripts (bench:extauth, bench:rego, …).
await import('./gateway/main.ts');
