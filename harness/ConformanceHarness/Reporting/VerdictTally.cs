using ConformanceHarness.Running;

namespace ConformanceHarness.Reporting;

/// <summary>How many results got each verdict.</summary>
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

    /// <summary>"12 pass, 1 fail, 0 warn, …" in verdict order.</summary>
    public override string ToString() =>
        string.Join(", ", Enum.GetValues<Verdict>().Select(v => $"{this[v]} {VerdictNames.Of(v)}"));
}
