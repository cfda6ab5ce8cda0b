namespace ConformanceHarness.Reporting;

/// <summary>The HTML report's inline style sheet (the page fetches nothing).</summary>
internal static class HtmlStyles
{
    public const string Css = """

:root { --pass:#1b7f3b; --pass-bg:#c9ecd2; --fail:#b3261e; --fail-bg:#f9cfcb; --warn:#8a5a00; --warn-bg:#ffe3a8; --info:#0b57a4; --info-bg:#cfe3fa;
  --skip:#5f6368; --skip-bg:#e8eaed; --inconclusive:#7b1fa2; --inconclusive-bg:#ecd6f5; --error:#fff; --error-bg:#3c4043; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #202124; background: #fafafa; }
header, section, main { padding: 0 16px; }
h1 { font-size: 20px; margin: 12px 0 2px; } h2 { font-size: 16px; margin: 14px 0 6px; }
.meta { margin: 0 0 8px; color: #444; } .good { color: var(--pass); } .bad { color: var(--fail); }
.scorecards td:nth-child(3) { max-width: 330px; }
.chip { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 12px; margin: 1px 0; white-space: nowrap; }
.v-pass { background: var(--pass-bg); color: var(--pass); } .v-fail { background: var(--fail-bg); color: var(--fail); }
.v-warn { background: var(--warn-bg); color: var(--warn); } .v-info { background: var(--info-bg); color: var(--info); }
.v-skip { background: var(--skip-bg); color: var(--skip); } .v-inconclusive { background: var(--inconclusive-bg); color: var(--inconclusive); }
.v-error { background: var(--error-bg); color: var(--error); }
table { border-collapse: collapse; }
.scorecards td, .scorecards th { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
.scorecards small { color: #666; } .start-error { color: var(--fail); font-size: 12px; white-space: pre-wrap; max-width: 40em; }
.badge.control { background: #333; color: #fff; font-size: 11px; padding: 0 5px; border-radius: 3px; }
.score { white-space: nowrap; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; width: 60px; height: 8px; background: #e0e0e0; border-radius: 4px; overflow: hidden; vertical-align: middle; }
.bar > span { display: block; height: 100%; background: var(--pass); }
.note { color: #666; font-size: 12px; }
#filters { display: flex; flex-wrap: wrap; gap: 8px; padding-top: 4px; padding-bottom: 4px; border-bottom: 1px solid #ddd; }
fieldset { border: 1px solid #ccc; border-radius: 4px; padding: 2px 8px 4px; margin: 0; } legend { font-size: 11px; color: #666; }
fieldset label { margin-right: 6px; white-space: nowrap; padding: 0 3px; border-radius: 3px; }
#only-differences.on { background: #333; color: #fff; }
#matrix { margin: 8px 0 40px; font-size: 13px; }
#matrix th.target { vertical-align: bottom; height: 120px; width: 34px; padding: 0; }
#matrix th.target > span { display: inline-block; writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; padding: 4px 8px; }
#matrix th.sid { text-align: left; font-weight: normal; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; padding: 1px 8px 1px 16px; white-space: nowrap; }
#matrix thead th { position: sticky; top: 0; background: #fafafa; z-index: 1; }
.protocol-row th { text-align: left; font-size: 15px; padding: 10px 4px 2px; border-bottom: 2px solid #333; }
.rule-row th { text-align: left; font-weight: 600; padding: 6px 4px 1px; color: #333; background: #f0f0f0; }
.level { font-size: 11px; color: #555; padding: 0 6px; } .l-security { color: var(--fail); font-weight: 600; } .l-must { font-weight: 600; }
td.cell { width: 34px; min-width: 34px; text-align: center; font-weight: 700; cursor: pointer; border: 1px solid #fff; }
td.cell.none { cursor: default; color: #bbb; background: transparent; }
td.cell.expected { background-image: repeating-linear-gradient(45deg, transparent 0 4px, rgba(255,255,255,.65) 4px 7px); }
td.cell:hover, td.cell:focus, td.cell.selected { outline: 2px solid #1a73e8; outline-offset: -2px; }
tr.scenario-row:hover th.sid { background: #e8f0fe; }
#detail { position: fixed; top: 0; right: 0; bottom: 0; width: min(720px, 52vw); background: #fff; box-shadow: -4px 0 16px rgba(0,0,0,.25); overflow: auto; padding: 12px 16px 24px; z-index: 5; }
#detail-close { position: absolute; top: 6px; right: 10px; font-size: 22px; border: 0; background: none; cursor: pointer; }
#detail h3 { margin: 0 32px 4px 0; font: 600 14px ui-monospace, monospace; word-break: break-all; }
#detail .verdict { font-weight: 700; padding: 2px 8px; border-radius: 4px; display: inline-block; margin: 4px 0; }
#detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 8px 0; } #detail dt { color: #666; } #detail dd { margin: 0; }
#detail blockquote { margin: 6px 0; padding: 4px 10px; border-left: 3px solid #999; color: #333; background: #f6f6f6; }
.evidence { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; margin: 8px 0; }
.evidence div { border: 1px solid #ddd; border-radius: 4px; padding: 4px 8px; } .evidence b { display: block; font-size: 11px; color: #666; }
.evidence code { white-space: pre-wrap; word-break: break-all; }
#transcript { font: 12px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; border: 1px solid #ddd; border-radius: 4px; margin-top: 6px; }
#transcript .line { display: grid; grid-template-columns: 58px 18px 1fr; padding: 0 6px; white-space: pre-wrap; word-break: break-all; }
#transcript .line .at { color: #999; text-align: right; padding-right: 6px; } #transcript .line .dir { font-weight: 700; }
#transcript .client { background: #eef4ff; } #transcript .client .dir { color: #1a4fa3; }
#transcript .server { background: #f0faf2; } #transcript .server .dir { color: #1b6b35; }
#transcript .note { color: #777; font-style: italic; }
#transcript .conn { color: #a0a; font-size: 11px; margin-right: 4px; }
.esc { background: #ffe082; color: #6d4c00; border-radius: 2px; padding: 0 1px; font-weight: 700; } .eol { color: #aaa; }
""";
}
