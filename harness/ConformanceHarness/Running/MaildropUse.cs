using ConformanceHarness.Protocols;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running;

/// <summary>
/// Whether a scenario opens the test user's POP3 maildrop (a POP3 dialogue, a second POP3 connection, or the mailbox
/// delivery oracle). RFC 1939 §8 lets a server lock the maildrop for the whole session, so two such scenarios on one
/// target must not overlap: the second would wait for the lock (or get -ERR) and be graded for the harness's own overlap.
/// </summary>
public static class MaildropUse
{
    public static bool Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Role.Parse(scenario.Role).IsPop3
            || ByOracle(scenario)
            || scenario.Steps.Any(step => step is ConnectStep { Role: { } role } && Role.Parse(role).IsPop3);
    }

    /// <summary>Whether a DELIVERED or CONFIRM step reads the maildrop through the mailbox oracle (a session of its own).</summary>
    public static bool ByOracle(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Steps.Any(step => step is DeliveryStep { Where: var where } && where.Equals("mailbox", StringComparison.OrdinalIgnoreCase)
            || step is ConfirmStep { Where: var confirmWhere } && confirmWhere.Equals("mailbox", StringComparison.OrdinalIgnoreCase));
    }
}
