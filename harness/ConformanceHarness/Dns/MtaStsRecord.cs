using System.Text.RegularExpressions;

namespace ConformanceHarness.Dns;

/// <summary>
/// The MTA-STS TXT record at <c>_mta-sts.DOMAIN</c> (RFC 8461 §3.1): <c>v=STSv1; id=20240101T000000;</c> plus extension
/// fields. Parsing never throws; <see cref="Errors"/> lists what breaks the ABNF.
/// </summary>
public sealed partial record MtaStsRecord(string Text, string? Id, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>§3.1: records that do not begin with "v=STSv1" are discarded (the version is case-sensitive, %s).</summary>
    public static bool IsMtaSts(string? text) => text is not null && text.StartsWith("v=STSv1", StringComparison.Ordinal);

    public static MtaStsRecord Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<string>();
        string? id = null;

        // sts-field-delim = *WSP ";" *WSP; one trailing delimiter is allowed.
        var fields = text.Split(';').Select(f => f.Trim(' ', '\t')).ToList();
        if (fields.Count > 1 && fields[^1].Length == 0)
        {
            fields.RemoveAt(fields.Count - 1);
        }

        if (fields[0] != "v=STSv1")
        {
            errors.Add($"the record must begin with exactly \"v=STSv1\", not \"{fields[0]}\"");
        }

        foreach (var field in fields.Skip(1))
        {
            if (field.StartsWith("id=", StringComparison.Ordinal))
            {
                if (id is not null)
                {
                    errors.Add("id= appears more than once");
                }

                id = field[3..];
                if (!IdValue().IsMatch(id))
                {
                    errors.Add($"id={id}: the id must be 1 to 32 letters and digits");
                }
            }
            else if (!Extension().IsMatch(field))
            {
                errors.Add(field.Length == 0 ? "an empty field between two ';'" : $"'{field}' is neither id= nor an extension name=value (§3.1)");
            }
        }

        if (id is null)
        {
            errors.Add("there is no id= field; §3.1 requires one (senders compare it to notice a new policy)");
        }

        return new MtaStsRecord(text, id, errors);
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,32}$")]
    private static partial Regex IdValue();

    // sts-ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / "."); sts-ext-value = 1*(%x21-3A / %x3C / %x3E-7E)
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}=[\\x21-\\x3A\\x3C\\x3E-\\x7E]+$")]
    private static partial Regex Extension();
}
