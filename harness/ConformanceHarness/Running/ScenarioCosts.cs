using System.Text.Json;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running;

/// <summary>
/// How long each scenario took on each target in an earlier run (its JSON report), so that a target starts its longest
/// scenarios first (longest processing time first): a slow server's slow scenarios — Courier's tarpitted ones, 20 to 46 s —
/// then overlap the many short ones instead of trailing after them. Only the start order changes, never a result or
/// the order results are reported in.
/// </summary>
public sealed class ScenarioCosts
{
    private readonly Dictionary<(string Target, string Scenario), double> milliseconds;

    public ScenarioCosts(IReadOnlyDictionary<(string Target, string Scenario), double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        this.milliseconds = new(milliseconds);
    }

    /// <summary>Scenario × target runs with a known duration.</summary>
    public int Count => milliseconds.Count;

    /// <summary>
    /// The durations in a JSON report (<c>results[].target</c>, <c>.scenario</c>, <c>.durationMs</c>); null when the file is
    /// missing or is no such report — the order is a hint, so an unreadable one only means catalog order.
    /// </summary>
    public static async Task<ScenarioCosts?> LoadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            // Streamed, not parsed whole: JsonDocument read the 12 MB report of the 16-target main job into one pooled
            // 16 MB buffer that the shared array pool then kept for the rest of the run (seen in a heap dump).
            await using var stream = File.OpenRead(path);
            var report = await JsonSerializer.DeserializeAsync(stream, CostsJsonContext.Default.CostsReport, cancellationToken).ConfigureAwait(false);
            if (report?.Results is not { } results)
            {
                return null;
            }

            var costs = new Dictionary<(string, string), double>();
            foreach (var result in results)
            {
                if (result is { Target: { } target, Scenario: { } scenario, DurationMs: { } ms })
                {
                    costs[(target, scenario)] = ms;
                }
            }

            return new ScenarioCosts(costs);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The positions of <paramref name="scenarios"/> in the order to start them on <paramref name="target"/>: SMTP
    /// scenarios longest first (a scenario without a known duration — new, or never run there — before the known ones,
    /// since it may be long; equal costs in the order given), each in one of the places SMTP scenarios had. POP3
    /// scenarios keep their places: their long ones are failed logins, which a server delays per client address and
    /// longer while others fail at once (Dovecot's auth penalty: started together, user-pass-wrong-password and
    /// auth-plain passed the 10 s step timeout), and some of their answers depend on what earlier scenarios left in the
    /// maildrop (Mailutils answers "LIST 1x" for message 1 when there is one) — both measured when POP3 was reordered too.
    /// </summary>
    public IReadOnlyList<int> StartOrder(string target, IReadOnlyList<Scenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        bool Kept(int i) => string.Equals(scenarios[i].Protocol, "pop3", StringComparison.OrdinalIgnoreCase);
        using var longestFirst = Enumerable.Range(0, scenarios.Count)
            .Where(i => !Kept(i))
            .OrderByDescending(i => milliseconds.TryGetValue((target, scenarios[i].Id), out var ms) ? ms : double.PositiveInfinity)
            .ThenBy(i => i)
            .GetEnumerator();
        var order = new int[scenarios.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = Kept(i) || !longestFirst.MoveNext() ? i : longestFirst.Current;
        }

        return order;
    }
}
