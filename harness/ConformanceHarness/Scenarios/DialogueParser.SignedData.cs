using System.Text.RegularExpressions;

namespace ConformanceHarness.Scenarios;

/// <summary>The one block step: SIGNED-DATA and the message lines that follow it.</summary>
public static partial class DialogueParser
{
    private const string SignedDataKeyword = "SIGNED-DATA";

    private static bool IsSignedData(string trimmed) =>
        trimmed == SignedDataKeyword || trimmed.StartsWith(SignedDataKeyword + " ", StringComparison.Ordinal);

    /// <summary>
    /// <c>SIGNED-DATA d=DOMAIN [s=SELECTOR] [altered]</c>, then <c>C:</c> lines (the message, as typed: header, <c>C:</c>
    /// alone for the blank line, body) up to <c>C: .</c>, which ends the block. <paramref name="index"/> moves to that line.
    /// </summary>
    private static SignedDataStep ParseSignedData(string[] lines, ref int index, int firstLine)
    {
        var n = firstLine + index;
        var head = SignedDataHead().Match(StripComment(lines[index].Trim()));
        if (!head.Success)
        {
            throw new ScenarioFormatException(n, "expected 'SIGNED-DATA d=DOMAIN [s=SELECTOR] [altered]', then the message as C: lines up to 'C: .'");
        }

        var message = new List<string>();
        for (index++; index < lines.Length; index++)
        {
            var trimmed = lines[index].Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (!trimmed.StartsWith("C:", StringComparison.Ordinal))
            {
                throw new ScenarioFormatException(firstLine + index, "inside SIGNED-DATA only C: lines (the message) are allowed, up to 'C: .'");
            }

            var text = Unescape.Validate(StripOneSpace(trimmed[2..]), firstLine + index);
            if (text == ".")
            {
                if (message.Count == 0)
                {
                    throw new ScenarioFormatException(n, "SIGNED-DATA needs a message (C: lines) before 'C: .'");
                }

                return new SignedDataStep(n, head.Groups["d"].Value, head.Groups["s"].Success ? head.Groups["s"].Value : SenderAuth.RunDkimKey.Selector, head.Groups["altered"].Success, message);
            }

            message.Add(text);
        }

        throw new ScenarioFormatException(n, "SIGNED-DATA: the message has no end: finish it with 'C: .'");
    }

    [GeneratedRegex(@"^SIGNED-DATA\s+d=(?<d>\S+)(\s+s=(?<s>[A-Za-z0-9._-]+))?(\s+(?<altered>altered))?$")]
    private static partial Regex SignedDataHead();
}
