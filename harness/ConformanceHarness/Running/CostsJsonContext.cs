using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceHarness.Running;

/// <summary>Reads <see cref="CostsReport"/> (camelCase names, as the JSON report writes them), source-generated.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CostsReport))]
internal sealed partial class CostsJsonContext : JsonSerializerContext;
