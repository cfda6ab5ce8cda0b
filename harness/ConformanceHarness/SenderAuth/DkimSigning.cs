using System.Text;
using MimeKit;
using MimeKit.Cryptography;

namespace ConformanceHarness.SenderAuth;

/// <summary>Signs a message the harness sends with the run's key (MimeKit's DkimSigner), optionally altering its body afterwards.</summary>
public static class DkimSigning
{
    /// <summary>The line appended after signing: the body hash (RFC 6376 §3.7) no longer matches, the signature stays.</summary>
    public const string AlteredLine = "This line was added after the message was signed.";

    private static readonly HeaderId[] Signed = [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId];

    /// <summary>
    /// <paramref name="text"/> (header, blank line, body; CRLF or LF line ends) signed for <paramref name="domain"/>:
    /// relaxed header and simple body canonicalization (RFC 6376 §3.4), rsa-sha256. The result has CRLF line ends and is
    /// not dot-stuffed.
    /// </summary>
    /// <exception cref="FormatException">The text is not a message MimeKit can parse.</exception>
    public static byte[] Sign(string text, string domain, string selector, bool alterBody, RunDkimKey key)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(key);
        var crlf = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        MimeMessage message;
        using (var input = new MemoryStream(Encoding.UTF8.GetBytes(crlf)))
        {
            message = MimeMessage.Load(input);
        }

        using var pem = new MemoryStream(Encoding.ASCII.GetBytes(key.PrivateKeyPem));
        var signer = new DkimSigner(pem, domain, selector, DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Simple,
        };
        var present = Signed.Where(id => message.Headers.Contains(id)).ToArray();
        if (!present.Contains(HeaderId.From))
        {
            throw new FormatException("a DKIM signature must cover From: (RFC 6376 §5.4), and the message has none");
        }

        var options = SetCrlf(FormatOptions.Default.Clone());
        signer.Sign(options, message, present);
        using var output = new MemoryStream();
        message.WriteTo(options, output);
        var signed = output.ToArray();
        return alterBody ? [.. signed, .. Encoding.ASCII.GetBytes(AlteredLine + "\r\n")] : signed;
    }

    private static FormatOptions SetCrlf(FormatOptions options)
    {
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }

    /// <summary>RFC 5321 §4.5.2: a line that starts with a period gets one more; then CRLF.CRLF ends the data.</summary>
    public static byte[] DotStuffedData(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var output = new List<byte>(message.Length + 8);
        var lineStart = true;
        foreach (var b in message)
        {
            if (lineStart && b == (byte)'.')
            {
                output.Add((byte)'.');
            }

            output.Add(b);
            lineStart = b == (byte)'\n';
        }

        if (!lineStart)
        {
            output.AddRange("\r\n"u8.ToArray());
        }

        output.AddRange(".\r\n"u8.ToArray());
        return [.. output];
    }
}
