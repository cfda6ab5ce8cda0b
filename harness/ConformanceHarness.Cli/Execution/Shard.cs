using System.Globalization;

namespace ConformanceHarness.Cli.Execution;

/// <summary>
/// <c>--shard i/n</c>: the i-th of n contiguous, equal parts (±1) of the plan's scenario × target pairs, in plan order
/// (targets as given, scenarios in catalog order). The same arguments give the same split on every machine; the n shards
/// together are the whole plan, with no pair twice, and merged in order they give the plan's order back.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
        {
            return new Shard(index, count);
        }

        throw new FormatException($"--shard takes i/n with 1 ≤ i ≤ n (e.g. 2/4), not '{text}'");
    }

    /// <summary>This shard's part of the plans; targets left with no scenario are dropped (they are not started).</summary>
    public IReadOnlyList<TargetPlan> Apply(IReadOnlyList<TargetPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var total = plans.Sum(p => p.Scenarios.Count);
        var (from, to) = Range(total);
        var shard = new List<TargetPlan>();
        var offset = 0;
        foreach (var plan in plans)
        {
            var start = Math.Max(from - offset, 0);
            var end = Math.Min(to - offset, plan.Scenarios.Count);
            if (end > start)
            {
                shard.Add(plan with { Scenarios = [.. plan.Scenarios.Skip(start).Take(end - start)] });
            }

            offset += plan.Scenarios.Count;
        }

        return shard;
    }

    /// <summary>The pairs [from, to) of <paramref name="total"/> that are this shard's.</summary>
    public (int From, int To) Range(int total) =>
        ((int)((long)total * (Index - 1) / Count), (int)((long)total * Index / Count));

    public override string ToString() => $"{Index}/{Count}";
}
