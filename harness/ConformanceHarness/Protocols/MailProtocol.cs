namespace ConformanceHarness.Protocols;

/// <summary>The protocol a role speaks: it picks the dialect that reads replies and discovers capabilities.</summary>
public enum MailProtocol
{
    Smtp,
    Pop3,
}
