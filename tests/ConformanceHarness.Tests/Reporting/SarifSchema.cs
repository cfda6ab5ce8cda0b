using System.Text.Json;
using System.Text.Json.Serialization;
using Json.Schema;

namespace ConformanceHarness.Tests.Reporting;

/// <summary>
/// The part of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that the harness's output uses, written from the
/// specification (§3.13 sarifLog, §3.14 run, §3.18–3.19 tool/toolComponent, §3.49 reportingDescriptor, §3.27 result,
/// §3.28 location, §3.29 physicalLocation, §3.30 region, §3.34 suppression, §3.58 notification): required properties,
/// enumerations (level, kind, suppression kind/status), value ranges. Validated with JsonSchema.Net; then the log is read
/// back into typed records as a consumer would.
/// </summary>
public static class SarifSchema
{
    public const string Text = """
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "title": "SARIF 2.1.0 (the subset conformance-harness writes)",
      "type": "object",
      "required": ["version", "runs"],
      "properties": {
        "$schema": { "type": "string", "format": "uri" },
        "version": { "const": "2.1.0" },
        "runs": { "type": ["array", "null"], "items": { "$ref": "#/$defs/run" } }
      },
      "$defs": {
        "message": {
          "type": "object",
          "anyOf": [{ "required": ["text"] }, { "required": ["id"] }],
          "properties": { "text": { "type": "string" }, "id": { "type": "string" } }
        },
        "multiformatMessageString": { "type": "object", "required": ["text"], "properties": { "text": { "type": "string" } } },
        "level": { "enum": ["none", "note", "warning", "error"] },
        "run": {
          "type": "object",
          "required": ["tool"],
          "properties": {
            "tool": { "$ref": "#/$defs/tool" },
            "invocations": { "type": "array", "items": { "$ref": "#/$defs/invocation" } },
            "results": { "type": ["array", "null"], "items": { "$ref": "#/$defs/result" } },
            "automationDetails": { "type": "object", "properties": { "id": { "type": "string" } } },
            "columnKind": { "enum": ["utf16CodeUnits", "unicodeCodePoints"] },
            "properties": { "type": "object" }
          }
        },
        "tool": { "type": "object", "required": ["driver"], "properties": { "driver": { "$ref": "#/$defs/toolComponent" } } },
        "toolComponent": {
          "type": "object",
          "required": ["name"],
          "properties": {
            "name": { "type": "string", "minLength": 1 },
            "fullName": { "type": "string" },
            "semanticVersion": { "type": "string", "pattern": "^\\d+\\.\\d+\\.\\d+" },
            "informationUri": { "type": "string", "format": "uri" },
            "rules": { "type": "array", "uniqueItems": true, "items": { "$ref": "#/$defs/reportingDescriptor" } }
          }
        },
        "reportingDescriptor": {
          "type": "object",
          "required": ["id"],
          "properties": {
            "id": { "type": "string", "minLength": 1 },
            "name": { "type": "string" },
            "shortDescription": { "$ref": "#/$defs/multiformatMessageString" },
            "fullDescription": { "$ref": "#/$defs/multiformatMessageString" },
            "help": { "$ref": "#/$defs/multiformatMessageString" },
            "defaultConfiguration": { "type": "object", "properties": { "level": { "$ref": "#/$defs/level" }, "enabled": { "type": "boolean" } } },
            "properties": { "type": "object", "properties": { "tags": { "type": "array", "uniqueItems": true, "items": { "type": "string" } } } }
          }
        },
        "invocation": {
          "type": "object",
          "required": ["executionSuccessful"],
          "properties": {
            "executionSuccessful": { "type": "boolean" },
            "endTimeUtc": { "type": "string", "format": "date-time" },
            "toolExecutionNotifications": { "type": "array", "items": { "$ref": "#/$defs/notification" } }
          }
        },
        "notification": {
          "type": "object",
          "required": ["message"],
          "properties": {
            "message": { "$ref": "#/$defs/message" },
            "level": { "$ref": "#/$defs/level" },
            "locations": { "type": "array", "items": { "$ref": "#/$defs/location" } },
            "descriptor": { "type": "object", "properties": { "id": { "type": "string" }, "index": { "type": "integer", "minimum": -1 } } },
            "associatedRule": { "type": "object", "properties": { "id": { "type": "string" }, "index": { "type": "integer", "minimum": -1 } } }
          }
        },
        "result": {
          "type": "object",
          "required": ["message"],
          "properties": {
            "ruleId": { "type": "string" },
            "ruleIndex": { "type": "integer", "minimum": -1 },
            "kind": { "enum": ["notApplicable", "pass", "fail", "review", "open", "informational"] },
            "level": { "$ref": "#/$defs/level" },
            "message": { "$ref": "#/$defs/message" },
            "locations": { "type": "array", "items": { "$ref": "#/$defs/location" } },
            "partialFingerprints": { "type": "object", "additionalProperties": { "type": "string" } },
            "suppressions": { "type": "array", "uniqueItems": true, "items": { "$ref": "#/$defs/suppression" } },
            "properties": { "type": "object" }
          },
          "if": { "properties": { "kind": { "not": { "const": "fail" } } }, "required": ["kind"] },
          "then": { "properties": { "level": { "const": "none" } } }
        },
        "location": {
          "type": "object",
          "properties": {
            "physicalLocation": { "$ref": "#/$defs/physicalLocation" },
            "logicalLocations": { "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" }, "kind": { "type": "string" } } } }
          }
        },
        "physicalLocation": {
          "type": "object",
          "anyOf": [{ "required": ["address"] }, { "required": ["artifactLocation"] }],
          "properties": {
            "artifactLocation": { "type": "object", "properties": { "uri": { "type": "string", "format": "uri-reference" }, "uriBaseId": { "type": "string" } } },
            "region": { "type": "object", "properties": { "startLine": { "type": "integer", "minimum": 1 }, "startColumn": { "type": "integer", "minimum": 1 } } }
          }
        },
        "suppression": {
          "type": "object",
          "required": ["kind"],
          "properties": {
            "kind": { "enum": ["inSource", "external"] },
            "status": { "enum": ["accepted", "underReview", "rejected"] },
            "justification": { "type": "string" }
          }
        }
      }
    }
    """;

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(Text));

    public static IReadOnlyList<string> Validate(string sarif)
    {
        using var parsed = JsonDocument.Parse(sarif);
        var results = Schema.Value.Evaluate(parsed.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Prepend(results).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }

    public static SarifLog Read(string sarif) =>
        JsonSerializer.Deserialize<SarifLog>(sarif, new JsonSerializerOptions(JsonSerializerDefaults.Web) { RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true })!;
}

public sealed record SarifLog(string Version, IReadOnlyList<SarifRun> Runs);

public sealed record SarifRun(SarifTool Tool, IReadOnlyList<SarifInvocation> Invocations, IReadOnlyList<SarifResult> Results);

public sealed record SarifTool(SarifDriver Driver);

public sealed record SarifDriver(string Name, string SemanticVersion, IReadOnlyList<SarifRule> Rules);

public sealed record SarifRule(string Id, SarifText ShortDescription, SarifText FullDescription, SarifRuleProperties Properties, SarifText? Help = null);

public sealed record SarifRuleProperties(IReadOnlyList<string> Tags, string Level, string Rule);

public sealed record SarifInvocation(bool ExecutionSuccessful, IReadOnlyList<SarifNotification> ToolExecutionNotifications);

public sealed record SarifNotification(string Level, SarifText Message, SarifReference Descriptor, SarifReference? AssociatedRule = null);

public sealed record SarifReference(string Id, int? Index = null);


public sealed record SarifResult(
    string RuleId,
    int RuleIndex,
    string Kind,
    string Level,
    SarifText Message,
    IReadOnlyList<SarifLocation> Locations,
    IReadOnlyDictionary<string, string> PartialFingerprints,
    SarifResultProperties Properties,
    IReadOnlyList<SarifSuppression>? Suppressions = null);

public sealed record SarifResultProperties(string Target, string Verdict, string? Expected, string? Actual, IReadOnlyList<string> Transcript);

public sealed record SarifText(string Text);

public sealed record SarifLocation(IReadOnlyList<SarifLogicalLocation> LogicalLocations, SarifPhysicalLocation? PhysicalLocation = null);

public sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, SarifRegion? Region = null);

public sealed record SarifArtifactLocation(string Uri);

public sealed record SarifRegion(int StartLine);

public sealed record SarifLogicalLocation(string Name, string Kind);

public sealed record SarifSuppression(string Kind, string Status, string Justification);

