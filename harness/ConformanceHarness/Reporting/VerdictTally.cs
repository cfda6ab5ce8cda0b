using ConformanceHarness.Running;

namespace ConformanceHarness.Reporting;

/// <summary>How many results got each verdict: the one place verdicts are counted, for the console, JUnit and the JSON report.</summary>
public sealed class VerdictTally
{
    private readonly int[] counts = new int[Enum.GetValues<Verdict>().Length];

    public int this[Verdict verdict] => counts[(int)verdict];

    public int Total => counts.Sum();

    public static VerdictTally Of(IEnumerable<Verdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var tally = new VerdictTally();
        foreach (var verdict in verdicts)
        {
            tally.counts[(int)verdict]++;
        }

        return tally;
    }

    /// <summary>Counts verdicts by their report names (<see cref="DocumentVerdicts"/>); a name that is no verdict is not counted.</summary>
    public static VerdictTally Of(IEnumerable<string> verdictNames)
    {
        ArgumentNullException.ThrowIfNull(verdictNames);
        return Of(verdictNames.Select(VerdictNames.Parse).OfType<Verdict>());
    }

    /// <summary>The counts by report name, in verdict order: the JSON report's <c>summary</c>.</summary>
    public IReadOnlyDictionary<string, int> ByName() => Enum.GetValues<Verdict>().ToDictionary(VerdictNames.Of, v => this[v]);

    /// <summary>"12 pass, 1 fail, 0 warn, …" in verdict order.</summary>
    public override string ToString() =>
        string.Join(", ", Enum.GetValues<Verdict>().Select(v => $"{this[v]} {VerdictNames.Of(v)}"));
}
