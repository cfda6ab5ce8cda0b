using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConformanceHarness.Reporting.Writers;

namespace ConformanceHarness.Reporting;

/// <summary>
/// SARIF 2.1.0 for code-scanning dashboards: one run, one rule per scenario (title, RFC rule and quote, why, level, tags),
/// one result per scenario × target. fail → level error (a foreseen fail — a control's must_fail, a known deviation — is
/// suppressed with its justification), warn → warning, info → informational, skip → notApplicable,
/// inconclusive → review, pass → pass. An error (the harness could not run the dialogue) is no finding about the
/// server: it is a tool execution notification, as are the scenario files that did not load. Each result is located
/// at the scenario file and line that decided it, and logically at the target; its fingerprint is target + scenario.
/// </summary>
public static class SarifReport
{
    public const string Version = "2.1.0";

    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task WriteAsync(ReportDocument document, string path, CancellationToken cancellationToken) =>
        ReportWriters.Sarif.WriteFileAsync(document, path, cancellationToken);

    public static string Serialize(ReportDocument document) => Build(document).ToJsonString(Options);

    public static JsonObject Build(ReportDocument document, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory());
        var scenarios = document.Results.GroupBy(r => r.Scenario, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var ruleIndex = scenarios.Select((s, i) => (s.Scenario, i)).ToDictionary(x => x.Scenario, x => x.i, StringComparer.Ordinal);
        var rules = new JsonArray([.. scenarios.Select(Rule)]);
        var results = new JsonArray();
        var notifications = new JsonArray();
        foreach (var result in document.Results)
        {
            if (result.Verdict == DocumentVerdicts.Error)
            {
                notifications.Add(new JsonObject
                {
                    ["level"] = "error",
                    ["message"] = Text($"{result.Scenario} on {result.Target}: {result.Summary}"),
                    ["descriptor"] = new JsonObject { ["id"] = "harness-error" },
                    ["associatedRule"] = new JsonObject { ["id"] = result.Scenario, ["index"] = ruleIndex[result.Scenario] },
                    ["locations"] = new JsonArray(Location(result, root)),
                });
                continue;
            }

            results.Add(Result(result, ruleIndex[result.Scenario], root));
        }

        foreach (var error in document.LoadErrors)
        {
            notifications.Add(new JsonObject
            {
                ["level"] = "error",
                ["message"] = Text($"scenario file not loaded: {error.Message}"),
                ["descriptor"] = new JsonObject { ["id"] = "scenario-load" },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = Physical(error.File, error.Line, root),
                }),
            });
        }

        var run = new JsonObject
        {
            ["tool"] = new JsonObject
            {
                ["driver"] = new JsonObject
                {
                    ["name"] = "conformance-harness",
                    ["fullName"] = "ConformanceHarness: SMTP and POP3 conformance and security checks",
                    ["semanticVersion"] = ToolVersion(),
                    ["informationUri"] = "https://conformance-harness.example.test/",
                    ["rules"] = rules,
                },
            },
            ["automationDetails"] = new JsonObject { ["id"] = $"conformance-harness/{document.Generated.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}" },
            ["invocations"] = new JsonArray(new JsonObject
            {
                ["executionSuccessful"] = notifications.Count == 0,
                ["endTimeUtc"] = document.Generated.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["toolExecutionNotifications"] = notifications,
            }),
            ["columnKind"] = "unicodeCodePoints",
            ["results"] = results,
            ["properties"] = new JsonObject
            {
                ["targets"] = new JsonArray([.. document.Targets.Select(t => (JsonNode)new JsonObject
                {
                    ["name"] = t.Name,
                    ["title"] = t.Title,
                    ["kind"] = t.Kind,
                    ["control"] = t.Control,
                    ["startError"] = t.StartError,
                })]),
            },
        };
        return new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = Version,
            ["runs"] = new JsonArray(run),
        };
    }

    /// <summary>The SARIF level of a verdict (for a result; errors are notifications).</summary>
    public static string LevelOf(string verdict) => verdict switch
    {
        DocumentVerdicts.Fail => "error",
        DocumentVerdicts.Warn => "warning",
        _ => "none", // SARIF §3.27.10: a kind other than fail has level none

    };

    /// <summary>The SARIF kind of a verdict.</summary>
    public static string KindOf(string verdict) => verdict switch
    {
        DocumentVerdicts.Pass => "pass",
        DocumentVerdicts.Fail or DocumentVerdicts.Warn => "fail",
        DocumentVerdicts.Info => "informational",
        DocumentVerdicts.Skip => "notApplicable",
        _ => "review",
    };

    private static JsonObject Rule(DocumentResult scenario)
    {
        var full = new StringBuilder(scenario.Rule);
        if (scenario.Quote is { Length: > 0 } quote)
        {
            full.Append(": \"").Append(quote).Append('"');
        }

        var rule = new JsonObject
        {
            ["id"] = scenario.Scenario,
            ["name"] = Name(scenario.Scenario),
            ["shortDescription"] = Text(scenario.Title.Length > 0 ? scenario.Title : scenario.Scenario),
            ["fullDescription"] = Text(full.Length > 0 ? full.ToString() : scenario.Title),
            ["defaultConfiguration"] = new JsonObject { ["level"] = scenario.Level is "must" or "security" ? "error" : scenario.Level == "should" ? "warning" : "note" },
            ["properties"] = new JsonObject
            {
                ["tags"] = new JsonArray([.. scenario.Tags.Prepend(scenario.Level).Prepend(scenario.Protocol).Distinct(StringComparer.Ordinal).Select(t => (JsonNode)t)]),
                ["level"] = scenario.Level,
                ["rule"] = scenario.Rule,
            },
        };
        if (scenario.Why is { Length: > 0 } why)
        {
            rule["help"] = Text(why);
        }

        if (scenario.Level == "security")
        {
            ((JsonObject)rule["properties"]!)["security-severity"] = "7.0";
        }

        return rule;
    }

    private static JsonObject Result(DocumentResult result, int ruleIndex, string root)
    {
        var message = new StringBuilder().Append(result.Target).Append(": ").Append(result.Summary);
        if (result.Expected is not null || result.Actual is not null)
        {
            message.Append(" (expected ").Append(result.Expected ?? "—").Append(", got ").Append(result.Actual ?? "—").Append(')');
        }

        var sarif = new JsonObject
        {
            ["ruleId"] = result.Scenario,
            ["ruleIndex"] = ruleIndex,
            ["kind"] = KindOf(result.Verdict),
            ["level"] = LevelOf(result.Verdict),
            ["message"] = Text(message.ToString()),
            ["locations"] = new JsonArray(Location(result, root)),
            ["partialFingerprints"] = new JsonObject { ["scenarioOnTarget/v1"] = $"{result.Target}|{result.Scenario}" },
            ["properties"] = new JsonObject
            {
                ["target"] = result.Target,
                ["verdict"] = result.Verdict,
                ["expected"] = result.Expected,
                ["actual"] = result.Actual,
                ["transcript"] = new JsonArray([.. result.Transcript.Select(l => (JsonNode)$"{Direction(l.Direction)} {l.Text}")]),
            },
        };
        if (result.ExpectedFailure)
        {
            sarif["suppressions"] = new JsonArray(new JsonObject
            {
                ["kind"] = "external",
                ["status"] = "accepted",
                ["justification"] = result.Deviation ?? $"{result.Target} is a control built to fail this scenario",
            });
        }

        return sarif;
    }

    private static JsonObject Location(DocumentResult result, string root)
    {
        var location = new JsonObject();
        if (result.File is { Length: > 0 } file)
        {
            location["physicalLocation"] = Physical(file, result.Line, root);
        }

        location["logicalLocations"] = new JsonArray(new JsonObject { ["name"] = result.Target, ["kind"] = "module" });
        return location;
    }

    private static JsonObject Physical(string file, int? line, string root)
    {
        var physical = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = UriOf(file, root) } };
        if (line is > 0)
        {
            physical["region"] = new JsonObject { ["startLine"] = line.Value };
        }

        return physical;
    }

    /// <summary>Relative to the working directory when the file is below it (as code scanning expects), else a file: URI.</summary>
    private static string UriOf(string file, string root)
    {
        var full = Path.GetFullPath(file);
        var relative = Path.GetRelativePath(root, full);
        if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
        {
            return string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(System.Uri.EscapeDataString));
        }

        return new Uri(full).AbsoluteUri;
    }

    private static string Name(string id) =>
        string.Concat(id.Split('/', '-', '.', '_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static string Direction(string direction) => direction switch
    {
        "client" => "C:",
        "server" => "S:",
        _ => "*",
    };

    private static JsonObject Text(string text) => new() { ["text"] = text };

    private static string ToolVersion()
    {
        var version = Assembly.GetExecutingAssembly().GetName().Version ?? new Version(0, 1, 0);
        return $"{version.Major}.{version.Minor}.{Math.Max(0, version.Build)}";
    }
}
