using ConformanceHarness.Delivery;
using ConformanceHarness.Protocols;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>
/// When a scenario that holds the maildrop's turn gives it up before an oracle wait (<see cref="MaildropTurn.Leave"/>):
/// once every POP3 session of its own has ended and no later step opens another. RFC 1939 §6: the server answers QUIT
/// only after the UPDATE state has removed the marked messages (a server that keeps its lock while it rewrites the
/// maildrop has released it by then), and a session reset without QUIT enters no UPDATE state at all; either way the
/// maildrop is no longer locked by this scenario, and its oracle reads take the turn like any other scenario's.
/// </summary>
internal static class MaildropLending
{
    /// <summary>Gives up the turn for the rest of the run when <paramref name="step"/> is such a wait; else nothing.</summary>
    public static void BeforeWait(DialogueContext context, Step step, IDeliveryOracle oracle)
    {
        if (oracle is not MailboxOracle { Turn: { HeldHere: true } turn })
        {
            return;
        }

        var steps = context.Scenario.Steps;
        var at = -1;
        for (var i = 0; i < steps.Count && at < 0; i++)
        {
            at = ReferenceEquals(steps[i], step) ? i : -1;
        }

        var later = at < 0 || steps.Skip(at + 1).Any(s => s is ConnectStep { Role: { } role } && Role.Parse(role).IsPop3);
        if (!later && context.Connections.Values.Where(c => c.Role.IsPop3).All(Ended))
        {
            turn.Leave();
        }
    }

    /// <summary>
    /// Whether the POP3 session on <paramref name="connection"/> is over: closed (by either side), or its QUIT answered
    /// (the connection's reply ledger: a command written after QUIT, none is expected, makes the session live again).
    /// </summary>
    public static bool Ended(DialogueConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Wire.IsClosed || connection.Ledger.QuitAnswered;
    }
}
