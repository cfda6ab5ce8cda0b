using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ConformanceHarness.Reporting.Writers;

namespace ConformanceHarness.Reporting;

/// <summary>
/// The HTML report: one self-contained file (inline CSS and script, no fetches) with a summary per target (verdict
/// counts, a score per level, the ranking) and the matrix targets × scenarios grouped by protocol and rule. Each cell
/// opens the result's evidence: summary, expected vs actual, the rule and its quote, and the byte-exact transcript in its
/// visible form (client and server lines apart, bare CR/LF and control bytes highlighted). Filters by level, tag and
/// verdict. Rendered from a <see cref="ReportDocument"/>, so it is the same after a run and from JSON files (<c>merge</c>).
/// </summary>
public static class HtmlReport
{
    public static string Symbol(string verdict) => verdict switch
    {
        DocumentVerdicts.Pass => "✓",
        DocumentVerdicts.Fail => "✗",
        DocumentVerdicts.Warn => "!",
        DocumentVerdicts.Info => "i",
        DocumentVerdicts.Skip => "-",
        DocumentVerdicts.Inconclusive => "?",
        DocumentVerdicts.Error => "E",
        _ => " ",
    };

    public static Task WriteAsync(ReportDocument document, string path, CancellationToken cancellationToken) =>
        ReportWriters.Html.WriteFileAsync(document, path, cancellationToken);

    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var html = new StringBuilder(64 * 1024);
        var generated = document.Generated.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<link rel=\"icon\" href=\"data:,\">\n")
            .Append("<title>ConformanceHarness report — ").Append(E(generated)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");

        var scenarios = document.Results.Select(r => r.Scenario).Distinct(StringComparer.Ordinal).Count();
        html.Append("<header><h1>ConformanceHarness report</h1><p class=\"meta\">generated ").Append(E(generated))
            .Append(" · ").Append(document.Targets.Count).Append(" target(s) · ").Append(scenarios).Append(" scenario(s) · ")
            .Append(document.Results.Count).Append(" result(s) · ");
        AppendTally(html, ReportDocument.TallyOf(document.Results));
        html.Append(document.HasFailures ? " · <b class=\"bad\">the run failed</b>" : " · <b class=\"good\">nothing failed</b>").Append("</p></header>\n");

        AppendSummary(html, document);
        AppendLoadErrors(html, document);
        AppendFilters(html, document);
        AppendMatrix(html, document);

        html.Append("<aside id=\"detail\" hidden aria-live=\"polite\"><button id=\"detail-close\" type=\"button\" title=\"close (Esc)\">×</button><div id=\"detail-body\"></div></aside>\n");
        html.Append("<script id=\"report-data\" type=\"application/json\">")
            .Append(JsonSerializer.Serialize(document, ReportJsonContext.Embedded.ReportDocument)) // the default encoder escapes '<', so no "</script>" can appear
            .Append("</script>\n<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendSummary(StringBuilder html, ReportDocument document)
    {
        var ranked = Scorecard.Rank(document);
        var targets = document.Targets.ToDictionary(t => t.Name, StringComparer.Ordinal);
        html.Append("<section id=\"summary\"><h2>Targets</h2>\n<table class=\"scorecards\"><thead><tr><th>#</th><th>target</th><th>verdicts</th>");
        foreach (var level in Scorecard.ScoredLevels)
        {
            html.Append("<th>").Append(level).Append("</th>");
        }

        html.Append("<th>score</th></tr></thead><tbody>\n");
        var rank = 0;
        foreach (var card in ranked)
        {
            var target = targets[card.Target];
            var place = target.Control || card.Score is null ? "–" : (++rank).ToString(CultureInfo.InvariantCulture);
            html.Append("<tr class=\"scorecard\" data-target=\"").Append(E(card.Target)).Append("\"><td>").Append(place).Append("</td><td><b>")
                .Append(E(card.Target)).Append("</b>");
            if (target.Control)
            {
                html.Append(" <span class=\"badge control\" title=\"a deliberately misconfigured control: its failures are the point\">control</span>");
            }

            html.Append("<br><small>").Append(E(target.Title)).Append(" · ").Append(E(target.Kind)).Append("</small>");
            if (target.StartError is not null)
            {
                html.Append("<div class=\"start-error\">did not start: ").Append(E(target.StartError)).Append("</div>");
            }

            html.Append("</td><td>");
            AppendTally(html, card.Tally);
            html.Append("</td>");
            foreach (var level in Scorecard.ScoredLevels)
            {
                AppendScore(html, card.ScoreByLevel[level]);
            }

            AppendScore(html, card.Score);
            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n<p class=\"note\">score = (pass + ½ warn) ÷ (pass + warn + fail + error) per level; skip, inconclusive, info and a control's expected fails are not scored. Controls are not ranked.</p></section>\n");
    }

    private static void AppendScore(StringBuilder html, double? score)
    {
        var width = score is { } s ? (int)Math.Round(s * 100) : 0;
        html.Append("<td class=\"score\"><span class=\"bar\"><span style=\"width:").Append(width).Append("%\"></span></span> ")
            .Append(E(Scorecard.Percent(score))).Append("</td>");
    }

    private static void AppendTally(StringBuilder html, IReadOnlyDictionary<string, int> tally)
    {
        foreach (var verdict in DocumentVerdicts.All)
        {
            var count = tally.GetValueOrDefault(verdict);
            if (count == 0 && verdict is not (DocumentVerdicts.Pass or DocumentVerdicts.Fail or DocumentVerdicts.Error))
            {
                continue;
            }

            html.Append("<span class=\"chip v-").Append(verdict).Append("\" title=\"").Append(verdict).Append("\">")
                .Append(count).Append(' ').Append(E(Symbol(verdict))).Append(' ').Append(verdict).Append("</span> ");
        }
    }

    private static void AppendLoadErrors(StringBuilder html, ReportDocument document)
    {
        if (document.LoadErrors.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"load-errors\"><h2>Scenario files that could not be loaded</h2><ul>");
        foreach (var error in document.LoadErrors)
        {
            html.Append("<li><code>").Append(E(error.File)).Append(':').Append(error.Line).Append("</code> ").Append(E(error.Message)).Append("</li>");
        }

        html.Append("</ul></section>\n");
    }

    private static void AppendFilters(StringBuilder html, ReportDocument document)
    {
        html.Append("<section id=\"filters\"><fieldset><legend>level</legend>");
        foreach (var level in new[] { "must", "should", "security", "info" })
        {
            html.Append("<label><input type=\"checkbox\" name=\"level\" value=\"").Append(level).Append("\" checked> ").Append(level).Append("</label>");
        }

        html.Append("</fieldset><fieldset><legend>verdict (rows with a cell of)</legend>");
        foreach (var verdict in DocumentVerdicts.All)
        {
            html.Append("<label class=\"v-").Append(verdict).Append("\"><input type=\"checkbox\" name=\"verdict\" value=\"").Append(verdict).Append("\" checked> ")
                .Append(E(Symbol(verdict))).Append(' ').Append(verdict).Append("</label>");
        }

        html.Append("</fieldset><fieldset><legend>tag</legend><select id=\"tag-filter\"><option value=\"\">any tag</option>");
        foreach (var tag in document.Results.SelectMany(r => r.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            html.Append("<option>").Append(E(tag)).Append("</option>");
        }

        html.Append("</select></fieldset><fieldset><legend>scenario</legend><input id=\"text-filter\" type=\"search\" placeholder=\"id or title contains…\"></fieldset>")
            .Append("<fieldset><legend>shown</legend><span id=\"shown-count\"></span> <button id=\"only-differences\" type=\"button\" title=\"rows where the targets' verdicts differ\">only differences</button></fieldset></section>\n");
    }

    private static void AppendMatrix(StringBuilder html, ReportDocument document)
    {
        var targets = document.Targets.Select(t => t.Name).ToList();
        foreach (var extra in document.Results.Select(r => r.Target).Distinct(StringComparer.Ordinal).Where(t => !targets.Contains(t)))
        {
            targets.Add(extra);
        }

        var index = new Dictionary<(string Target, string Scenario), int>();
        for (var i = 0; i < document.Results.Count; i++)
        {
            index[document.Results[i].Key] = i;
        }

        // Scenarios in the order the results first name them (catalog order), grouped by protocol, then rule.
        var scenarios = document.Results.GroupBy(r => r.Scenario, StringComparer.Ordinal).Select(g => g.First()).ToList();
        html.Append("<main><table id=\"matrix\"><thead><tr><th class=\"sid\">scenario</th><th>level</th>");
        foreach (var target in targets)
        {
            html.Append("<th class=\"target\" title=\"").Append(E(target)).Append("\"><span>").Append(E(target)).Append("</span></th>");
        }

        html.Append("</tr></thead>\n");
        var columns = targets.Count + 2;
        foreach (var protocol in scenarios.GroupBy(s => s.Protocol, StringComparer.Ordinal))
        {
            html.Append("<tbody data-protocol=\"").Append(E(protocol.Key)).Append("\"><tr class=\"protocol-row\"><th colspan=\"").Append(columns).Append("\">")
                .Append(E(protocol.Key.ToUpperInvariant())).Append("</th></tr>\n");
            foreach (var rule in protocol.GroupBy(s => s.Rule, StringComparer.Ordinal))
            {
                html.Append("<tr class=\"rule-row\"><th colspan=\"").Append(columns).Append("\">").Append(E(rule.Key.Length == 0 ? "(no rule)" : rule.Key)).Append("</th></tr>\n");
                foreach (var scenario in rule)
                {
                    html.Append("<tr class=\"scenario-row\" data-scenario=\"").Append(E(scenario.Scenario)).Append("\" data-level=\"").Append(E(scenario.Level))
                        .Append("\" data-tags=\"").Append(E(string.Join(' ', scenario.Tags))).Append("\" data-title=\"").Append(E(scenario.Title))
                        .Append("\"><th class=\"sid\" title=\"").Append(E(scenario.Title)).Append("\">").Append(E(scenario.Scenario)).Append("</th><td class=\"level l-")
                        .Append(E(scenario.Level)).Append("\">").Append(E(scenario.Level)).Append("</td>");
                    foreach (var target in targets)
                    {
                        if (!index.TryGetValue((target, scenario.Scenario), out var i))
                        {
                            html.Append("<td class=\"cell none\" title=\"not run on this target\">·</td>");
                            continue;
                        }

                        var result = document.Results[i];
                        html.Append("<td class=\"cell v-").Append(E(result.Verdict)).Append(result.ExpectedFailure ? " expected" : string.Empty)
                            .Append("\" data-r=\"").Append(i).Append("\" data-v=\"").Append(E(result.Verdict)).Append("\" data-target=\"").Append(E(target))
                            .Append("\" tabindex=\"0\" title=\"").Append(E($"{target}: {result.Verdict}{(result.ExpectedFailure ? " (expected)" : string.Empty)} — {result.Summary}"))
                            .Append("\">").Append(E(Symbol(result.Verdict))).Append("</td>");
                    }

                    html.Append("</tr>\n");
                }
            }

            html.Append("</tbody>\n");
        }

        html.Append("</table></main>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """

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

    private const string Script = """

(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var results = data.results;
  var detail = document.getElementById('detail');
  var body = document.getElementById('detail-body');
  var selected = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  // The visible form: CRLF is a trailing ⏎, bare CR/LF are \r and \n, other control bytes \xHH, a backslash is doubled.
  function visible(text, parent) {
    var re = /\\\\|\\r|\\n|\\x[0-9A-Fa-f]{2}|⏎/g, last = 0, m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) { parent.appendChild(document.createTextNode(text.slice(last, m.index))); }
      if (m[0] === '\\\\') { parent.appendChild(document.createTextNode(m[0])); }
      else { parent.appendChild(el('span', m[0] === '⏎' ? 'eol' : 'esc', m[0])); }
      last = re.lastIndex;
    }
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
    return parent;
  }

  function row(dl, name, value) {
    if (value === undefined || value === null || value === '') { return; }
    dl.appendChild(el('dt', null, name));
    var dd = el('dd');
    if (typeof value === 'string') { dd.textContent = value; } else { dd.appendChild(value); }
    dl.appendChild(dd);
  }

  function open(i, cell) {
    var r = results[i];
    if (!r) { return; }
    if (selected) { selected.classList.remove('selected'); }
    selected = cell || document.querySelector('td.cell[data-r="' + i + '"]');
    if (selected) { selected.classList.add('selected'); }
    body.textContent = '';
    body.appendChild(el('h3', null, r.scenario));
    body.appendChild(el('div', null, r.title));
    var verdict = el('span', 'verdict v-' + r.verdict, r.verdict + (r.expectedFailure ? ' (expected)' : '') + ' on ' + r.target);
    verdict.id = 'detail-verdict';
    body.appendChild(verdict);
    body.appendChild(el('p', 'summary', r.summary));
    if (r.expected !== null || r.actual !== null) {
      var ev = el('div', 'evidence');
      var exp = el('div'); exp.appendChild(el('b', null, 'expected')); exp.appendChild(visible(r.expected || '—', el('code'))); exp.id = 'detail-expected';
      var act = el('div'); act.appendChild(el('b', null, 'actual')); act.appendChild(visible(r.actual || '—', el('code'))); act.id = 'detail-actual';
      ev.appendChild(exp); ev.appendChild(act); body.appendChild(ev);
    }
    var dl = el('dl');
    row(dl, 'rule', r.rule);
    row(dl, 'level', r.level);
    row(dl, 'tags', (r.tags || []).join(', '));
    if (r.file) { row(dl, 'at', r.file + (r.line !== null ? ':' + r.line : '')); } else if (r.line !== null) { row(dl, 'line', String(r.line)); }
    row(dl, 'deviation', r.deviation);
    row(dl, 'duration', r.durationMs + ' ms');
    (r.notes || []).forEach(function (n) { row(dl, 'note', n); });
    body.appendChild(dl);
    if (r.quote) { var q = el('blockquote', null, r.quote); q.id = 'detail-quote'; body.appendChild(q); }
    if (r.why) { body.appendChild(el('p', 'why', 'why: ' + r.why)); }
    body.appendChild(el('b', null, 'transcript'));
    var t = el('div'); t.id = 'transcript';
    var connections = {};
    (r.transcript || []).forEach(function (l) { connections[l.connection] = true; });
    var several = Object.keys(connections).length > 1;
    if (!r.transcript || r.transcript.length === 0) { t.appendChild(el('div', 'line note', '(no transcript: nothing was exchanged)')); }
    (r.transcript || []).forEach(function (l) {
      var line = el('div', 'line ' + l.direction);
      line.appendChild(el('span', 'at', l.atMs.toFixed(0)));
      line.appendChild(el('span', 'dir', l.direction === 'client' ? 'C:' : l.direction === 'server' ? 'S:' : '*'));
      var text = el('span', 'text');
      if (several) { text.appendChild(el('span', 'conn', '[' + l.connection + ']')); }
      if (l.direction === 'note') { text.appendChild(document.createTextNode(l.text)); } else { visible(l.text, text); }
      line.appendChild(text);
      t.appendChild(line);
    });
    body.appendChild(t);
    detail.hidden = false;
    if (history.replaceState) { history.replaceState(null, '', '#r' + i); }
  }

  function close() {
    detail.hidden = true;
    if (selected) { selected.classList.remove('selected'); selected = null; }
    if (history.replaceState) { history.replaceState(null, '', '#'); }
  }

  var matrix = document.getElementById('matrix');
  matrix.addEventListener('click', function (e) {
    var cell = e.target.closest('td.cell[data-r]');
    if (cell) { open(Number(cell.getAttribute('data-r')), cell); }
  });
  matrix.addEventListener('keydown', function (e) {
    var cell = e.target.closest('td.cell[data-r]');
    if (cell && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); open(Number(cell.getAttribute('data-r')), cell); }
  });
  document.getElementById('detail-close').addEventListener('click', close);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { close(); } });

  var onlyDifferences = false;
  function apply() {
    var levels = {}, verdicts = {};
    document.querySelectorAll('input[name=level]:checked').forEach(function (c) { levels[c.value] = true; });
    document.querySelectorAll('input[name=verdict]:checked').forEach(function (c) { verdicts[c.value] = true; });
    var tag = document.getElementById('tag-filter').value;
    var text = document.getElementById('text-filter').value.toLowerCase();
    var shown = 0, total = 0;
    var rows = matrix.querySelectorAll('tbody tr');
    var ruleRow = null, ruleShown = false, protocolRow = null, protocolShown = false;
    function closeRule() { if (ruleRow) { ruleRow.hidden = !ruleShown; } }
    function closeProtocol() { if (protocolRow) { protocolRow.hidden = !protocolShown; } }
    rows.forEach(function (tr) {
      if (tr.classList.contains('protocol-row')) { closeRule(); closeProtocol(); ruleRow = null; protocolRow = tr; protocolShown = false; return; }
      if (tr.classList.contains('rule-row')) { closeRule(); ruleRow = tr; ruleShown = false; return; }
      total++;
      var cells = tr.querySelectorAll('td.cell[data-v]');
      var anyVerdict = false, seen = {}, kinds = 0;
      cells.forEach(function (c) { var v = c.getAttribute('data-v'); if (verdicts[v]) { anyVerdict = true; } if (!seen[v]) { seen[v] = true; kinds++; } });
      var tags = (tr.getAttribute('data-tags') || '').split(' ');
      var ok = levels[tr.getAttribute('data-level')] && anyVerdict
        && (!tag || tags.indexOf(tag) >= 0)
        && (!text || (tr.getAttribute('data-scenario') + ' ' + tr.getAttribute('data-title')).toLowerCase().indexOf(text) >= 0)
        && (!onlyDifferences || kinds > 1);
      tr.hidden = !ok;
      if (ok) { shown++; ruleShown = true; protocolShown = true; }
    });
    closeRule(); closeProtocol();
    document.getElementById('shown-count').textContent = shown + ' of ' + total + ' scenarios';
  }
  document.getElementById('filters').addEventListener('change', apply);
  document.getElementById('text-filter').addEventListener('input', apply);
  document.getElementById('only-differences').addEventListener('click', function (e) {
    onlyDifferences = !onlyDifferences;
    e.target.classList.toggle('on', onlyDifferences);
    apply();
  });
  apply();

  var hash = /^#r(\d+)$/.exec(location.hash);
  if (hash) { open(Number(hash[1])); }
})();
""";
}
