using System.Text;

namespace ConformanceHarness.Reporting;

/// <summary>The HTML report's matrix, targets × scenarios grouped by protocol and rule, and the filters above it.</summary>
internal static class HtmlMatrix
{
    internal static void AppendFilters(StringBuilder html, ReportDocument document)
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
                .Append(HtmlReport.E(HtmlReport.Symbol(verdict))).Append(' ').Append(verdict).Append("</label>");
        }

        html.Append("</fieldset><fieldset><legend>tag</legend><select id=\"tag-filter\"><option value=\"\">any tag</option>");
        foreach (var tag in document.Results.SelectMany(r => r.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            html.Append("<option>").Append(HtmlReport.E(tag)).Append("</option>");
        }

        html.Append("</select></fieldset><fieldset><legend>scenario</legend><input id=\"text-filter\" type=\"search\" placeholder=\"id or title contains…\"></fieldset>")
            .Append("<fieldset><legend>shown</legend><span id=\"shown-count\"></span> <button id=\"only-differences\" type=\"button\" title=\"rows where the targets' verdicts differ\">only differences</button></fieldset></section>\n");
    }

    internal static void AppendMatrix(StringBuilder html, ReportDocument document)
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
            html.Append("<th class=\"target\" title=\"").Append(HtmlReport.E(target)).Append("\"><span>").Append(HtmlReport.E(target)).Append("</span></th>");
        }

        html.Append("</tr></thead>\n");
        var columns = targets.Count + 2;
        foreach (var protocol in scenarios.GroupBy(s => s.Protocol, StringComparer.Ordinal))
        {
            html.Append("<tbody data-protocol=\"").Append(HtmlReport.E(protocol.Key)).Append("\"><tr class=\"protocol-row\"><th colspan=\"").Append(columns).Append("\">")
                .Append(HtmlReport.E(protocol.Key.ToUpperInvariant())).Append("</th></tr>\n");
            foreach (var rule in protocol.GroupBy(Section, StringComparer.Ordinal))
            {
                html.Append("<tr class=\"rule-row\"><th colspan=\"").Append(columns).Append("\">").Append(HtmlReport.E(rule.Key.Length == 0 ? "(no rule)" : rule.Key)).Append("</th></tr>\n");
                foreach (var scenario in rule)
                {
                    html.Append("<tr class=\"scenario-row\" data-scenario=\"").Append(HtmlReport.E(scenario.Scenario)).Append("\" data-level=\"").Append(HtmlReport.E(scenario.Level))
                        .Append("\" data-tags=\"").Append(HtmlReport.E(string.Join(' ', scenario.Tags))).Append("\" data-title=\"").Append(HtmlReport.E(scenario.Title))
                        .Append("\"><th class=\"sid\" title=\"").Append(HtmlReport.E(scenario.Title)).Append("\">").Append(HtmlReport.E(scenario.Scenario)).Append("</th><td class=\"level l-")
                        .Append(HtmlReport.E(scenario.Level)).Append("\">").Append(HtmlReport.E(scenario.Level)).Append("</td>");
                    foreach (var target in targets)
                    {
                        if (!index.TryGetValue((target, scenario.Scenario), out var i))
                        {
                            html.Append("<td class=\"cell none\" title=\"not run on this target\">·</td>");
                            continue;
                        }

                        var result = document.Results[i];
                        html.Append("<td class=\"cell v-").Append(HtmlReport.E(result.Verdict)).Append(result.ExpectedFailure ? " expected" : string.Empty)
                            .Append("\" data-r=\"").Append(i).Append("\" data-v=\"").Append(HtmlReport.E(result.Verdict)).Append("\" data-target=\"").Append(HtmlReport.E(target))
                            .Append("\" tabindex=\"0\" title=\"").Append(HtmlReport.E($"{target}: {result.Verdict}{(result.ExpectedFailure ? " (expected)" : string.Empty)} — {result.Summary}"))
                            .Append("\">").Append(HtmlReport.E(HtmlReport.Symbol(result.Verdict))).Append("</td>");
                    }

                    html.Append("</tr>\n");
                }
            }

            html.Append("</tbody>\n");
        }

        html.Append("</table></main>\n");
    }

    /// <summary>
    /// The heading a scenario's row sits under: its rule, except the sender-authentication scenarios, which share one
    /// section (their rules span RFC 7208, 6376, 7489 and 8601, and an auditor reads them together).
    /// </summary>
    private static string Section(DocumentResult scenario) =>
        scenario.Tags.Contains("sender-auth", StringComparer.Ordinal) ? "sender authentication: SPF, DKIM, DMARC (RFC 7208, 6376, 7489, 8601)" : scenario.Rule;
}
