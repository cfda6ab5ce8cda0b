using System.Reflection;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization.NamingConventions;

namespace ConformanceHarness.Targets;

/// <summary>
/// Says a profile's YAML errors in the profile's own words: YamlDotNet names a .NET type
/// ("Property 'featurs' not found on type '…+ProfileDocument'"); a user needs the key and the keys allowed there.
/// </summary>
internal static partial class ProfileKeys
{
    public static string Explain(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var unknown = UnknownProperty().Match(message);
        if (!unknown.Success)
        {
            return message;
        }

        var type = Type.GetType(unknown.Groups["type"].Value);
        var where = unknown.Groups["section"].Value switch
        {
            "ProfileDocument" => "a profile",
            var section => $"'{UnderscoredNamingConvention.Instance.Apply(section.Replace("Document", string.Empty, StringComparison.Ordinal))}'",
        };
        var keys = type?.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => UnderscoredNamingConvention.Instance.Apply(p.Name)).Order(StringComparer.Ordinal).ToList();
        return keys is null
            ? $"unknown key '{unknown.Groups["key"].Value}'"
            : $"unknown key '{unknown.Groups["key"].Value}' in {where}; the keys allowed there are: {string.Join(", ", keys)}";
    }

    [GeneratedRegex(@"Property '(?<key>[^']*)' not found on type '(?<type>[^']*?\+(?<section>\w+))'")]
    private static partial Regex UnknownProperty();
}
