namespace ConformanceHarness.Dns;

/// <summary>
/// One term of an SPF record (RFC 7208 §4.6.1): a directive (<c>-include:_spf.example.test</c>: qualifier, mechanism
/// name, argument) or a modifier (<c>redirect=_spf.example.test</c>: name, value).
/// </summary>
public sealed record SpfTerm(string Text, string Name, bool IsModifier)
{
    /// <summary>'+', '-', '~' or '?'; '+' when the directive gives none (§4.6.2). Always '+' for modifiers.</summary>
    public char Qualifier { get; init; } = '+';

    /// <summary>The domain-spec of include, a, mx, ptr, exists, redirect and exp; null when absent (a, mx, ptr default to the current domain).</summary>
    public string? DomainSpec { get; init; }

    /// <summary>The network of ip4/ip6, the value of an unknown modifier.</summary>
    public string? Value { get; init; }

    /// <summary>The CIDR suffix of a, mx, ip4, ip6 (<c>/24</c>, <c>//64</c>, <c>/24//64</c>), or null.</summary>
    public string? Cidr { get; init; }

    /// <summary>The domain-spec holds a macro (<c>%{i}</c>…): it depends on the message and can't be resolved ahead of time.</summary>
    public bool HasMacro => DomainSpec?.Contains("%{", StringComparison.Ordinal) == true;

    /// <summary>RFC 7208 §4.6.4: the terms that cause DNS queries and count toward the limit of 10.</summary>
    public bool CountsTowardLookupLimit => IsModifier ? Name == "redirect" : Name is "include" or "a" or "mx" or "ptr" or "exists";

    public override string ToString() => Text;
}
