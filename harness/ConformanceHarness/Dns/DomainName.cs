namespace ConformanceHarness.Dns;

/// <summary>Domain names as the checks compare and ask them: lower case, no trailing dot, within RFC 1035's limits.</summary>
public static class DomainName
{
    /// <summary><c>Example.TEST.</c> → <c>example.test</c>.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        return (trimmed.Length > 1 ? trimmed.TrimEnd('.') : trimmed).ToLowerInvariant();
    }

    /// <summary>RFC 1035 §2.3.4: labels of 1 to 63 octets, at most 253 characters in all; no spaces or control characters.</summary>
    public static bool IsQueryable(string? name, out string? problem)
    {
        problem = null;
        var value = name?.TrimEnd('.') ?? string.Empty;
        if (value.Length == 0)
        {
            problem = "the name is empty";
            return false;
        }

        if (value.Length > 253)
        {
            problem = $"the name is {value.Length} characters long; RFC 1035 allows 253";
            return false;
        }

        foreach (var label in value.Split('.'))
        {
            if (label.Length == 0)
            {
                problem = $"'{name}' has an empty label";
                return false;
            }

            if (label.Length > 63)
            {
                problem = $"the label '{label[..20]}…' is {label.Length} octets; RFC 1035 allows 63";
                return false;
            }

            if (label.Any(c => c <= ' ' || c >= 0x7F))
            {
                problem = $"'{name}' has a space, control or non-ASCII character (give the A-label of an internationalized name)";
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="name"/> is <paramref name="domain"/> or below it.</summary>
    public static bool IsAtOrBelow(string name, string domain)
    {
        var n = Normalize(name);
        var d = Normalize(domain);
        return n == d || n.EndsWith("." + d, StringComparison.Ordinal);
    }
}
