using System.Text.Json.Serialization;

namespace ConformanceHarness.Cli.Commands;

/// <summary>Source-generated serialisation for <c>list --format json</c> (no reflection at run time).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<ListedScenario>))]
internal sealed partial class ListJsonContext : JsonSerializerContext;
