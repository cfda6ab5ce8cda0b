namespace ConformanceHarness.Tests.Fakes;

/// <summary>One message in a <see cref="FakeMaildrop"/>: its unique id and its bytes (CRLF lines, not dot-stuffed).</summary>
public sealed record FakeMessage(string Uid, byte[] Content)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Content);
}
