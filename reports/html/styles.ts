// The report's only stylesheet, inlined in the page so the file works offline and from an artifact
// download. System fonts, no web fonts; light colors that print.

export const REPORT_CSS = `
*{box-sizing:border-box}
body{margin:0;padding:24px 32px 48px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fafafa}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}
.verdict{font-size:16px;font-weight:600;margin:4px 0 16px}
.verdict.pass{color:#2e7d32}.verdict.fail{color:#c62828}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;margin:0 0 8px;padding:0}
.stats div{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:8px 12px}
.stats dt{font-size:12px;color:#666}.stats dd{margin:0;font-size:18px;font-weight:600}
table{border-collapse:collapse;background:#fff;margin:4px 0 8px;min-width:50%}
th,td{border:1px solid #e0e0e0;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0;font-weight:600}
td.name{white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff}
.badge.pass{background:#2e7d32}.badge.fail{background:#c62828}.badge.measured{background:#546e7a}.badge.held{background:#2e7d32}.badge.violated{background:#c62828}
pre.replay{background:#263238;color:#eceff1;padding:8px 12px;border-radius:4px;overflow-x:auto;margin:6px 0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
figure{margin:10px 0 18px;background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:8px 10px;overflow-x:auto}
figcaption{font-weight:600;margin-bottom:4px}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:#444;margin-top:4px}
.legend span.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:-2px}
.steps li.failed{color:#c62828;font-weight:600}
.muted{color:#777}
footer{margin-top:40px;color:#888;font-size:12px}
`;
