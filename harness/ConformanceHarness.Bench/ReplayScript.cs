using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ConformanceHarness.Reporting;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Bench;

/// <summary>
/// The byte exchanges of one graded scenario, taken from its transcript, for the raw-socket floor client: what the
/// harness sent, how much the server answered, where TLS started, who closed. Waits that the dialogue itself
/// demands (PAUSE, EXPECT-SILENCE) are kept, since any client would have to wait them; delivery-oracle waits are
/// not (the floor does not check delivery), and such scenarios are flagged so the ratio can be told without them.
/// </summary>
internal sealed partial record ReplayScript(string Target, string ScenarioId, bool Exclusive, IReadOnlyList<ReplayAction> Actions, TimeSpan DialogueWaits, bool UsesOracle)
{
    public static ReplayScript From(ReportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var actions = new List<ReplayAction>();
        var entries = entry.Result.Transcript;
        var fresh = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            switch (e.Direction)
            {
                case TranscriptDirection.Client:
                    actions.Add(new ReplayAction.Send(e.Connection, Refreshed(e.Bytes, fresh)));
                    break;
                case TranscriptDirection.Server:
                    // Consecutive chunks of one answer are one receive (a reply may have arrived in several reads).
                    var bytes = 0;
                    var lineFeeds = 0;
                    var j = i;
                    for (; j < entries.Count && entries[j].Direction == TranscriptDirection.Server && entries[j].Connection == e.Connection; j++)
                    {
                        bytes += entries[j].Bytes.Length;
                        lineFeeds += entries[j].Bytes.Count(b => b == (byte)'\n');
                    }

                    actions.Add(new ReplayAction.Receive(e.Connection, bytes, lineFeeds));
                    i = j - 1;
                    break;
                case TranscriptDirection.Note:
                    var text = Encoding.UTF8.GetString(e.Bytes);
                    if (text.StartsWith("connected to ", StringComparison.Ordinal) && IPEndPoint.TryParse(text["connected to ".Length..].Split(' ')[0], out var endPoint))
                    {
                        actions.Add(new ReplayAction.Connect(e.Connection, endPoint));
                    }
                    else if (text.StartsWith("TLS established", StringComparison.Ordinal))
                    {
                        actions.Add(new ReplayAction.Tls(e.Connection));
                    }
                    else if (text.StartsWith("server closed the connection", StringComparison.Ordinal) || text.StartsWith("connection broke", StringComparison.Ordinal))
                    {
                        actions.Add(new ReplayAction.AwaitClose(e.Connection));
                    }
                    else if (text.StartsWith("connection dropped by the harness", StringComparison.Ordinal))
                    {
                        actions.Add(new ReplayAction.Drop(e.Connection));
                    }

                    break;
            }
        }

        var scenario = entry.Scenario;
        var waits = scenario.Steps.Sum(s => s switch
        {
            PauseStep pause => pause.Duration.Ticks,
            ExpectSilenceStep silence => silence.Window.Ticks,
            _ => 0L,
        });
        var oracle = scenario.Steps.Any(s => s is DeliveryStep or ConfirmStep);

        // Never longer than the harness's whole run: a run that ended before its PAUSE or EXPECT-SILENCE (the server
        // refused STLS, so the injection's silence never came) did not wait it, and the floor must not either.
        waits = Math.Min(waits, entry.Result.Duration.Ticks);
        // Serialised as the harness serialises: a run whose own dialogue holds a POP3 session keeps the maildrop's turn;
        // one that only asks the mailbox oracle does not (the oracle takes the turn per read, and the floor reads nothing).
        return new ReplayScript(entry.Result.Target, scenario.Id, Running.MaildropUse.HoldsSession(scenario), actions, TimeSpan.FromTicks(waits), oracle);
    }

    /// <summary>
    /// The run's own values ({{token}}, {{token2}}, {{random}}: VariableSet makes new ones for every run) replaced by new
    /// ones of the same length, the same within one script. A server remembers what it saw: Dovecot does not raise its
    /// failed-login penalty for a user and password it just refused (anvil keeps their checksums), so replaying the
    /// harness's very names would meet a server that the harness, with fresh names, never meets.
    /// </summary>
    private static byte[] Refreshed(byte[] bytes, Dictionary<string, string> fresh)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var replaced = RunValue().Replace(text, m =>
        {
            if (!fresh.TryGetValue(m.Value, out var value))
            {
                value = m.Value.StartsWith("CH", StringComparison.Ordinal)
                    ? "CH" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8))
                    : "nouser-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
                fresh[m.Value] = value;
            }

            return value;
        });
        return ReferenceEquals(replaced, text) || replaced == text ? bytes : Encoding.Latin1.GetBytes(replaced);
    }

    [GeneratedRegex("CH[0-9A-F]{16}|nouser-[0-9a-f]{12}", RegexOptions.CultureInvariant)]
    private static partial Regex RunValue();
}
