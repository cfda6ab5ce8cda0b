using System.Text.Json;
using System.Text.Json.Nodes;
using ConformanceHarness.Reporting;
using Json.Schema;

namespace ConformanceHarness.Tests.Reporting;

/// <summary>Validates report documents against <c>report.schema.json</c> (JsonSchema.Net, draft 2020-12, formats checked).</summary>
public static class ReportSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(JsonReport.SchemaText()));

    /// <summary>The validation errors, as "location: message"; empty when the document is valid.</summary>
    public static IReadOnlyList<string> Validate(JsonNode document)
    {
        using var parsed = JsonDocument.Parse(document.ToJsonString());
        return Validate(parsed.RootElement);
    }

    public static IReadOnlyList<string> Validate(string json)
    {
        using var parsed = JsonDocument.Parse(json);
        return Validate(parsed.RootElement);
    }

    private static IReadOnlyList<string> Validate(JsonElement element)
    {
        var results = Schema.Value.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return [];
        }

        return [.. (results.Details ?? []).Prepend(results)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }
}
