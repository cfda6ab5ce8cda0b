using System.Collections.Concurrent;
using Polly;

namespace ConformanceHarness.Running;

/// <summary>Per-step timeout pipelines (Polly), one per distinct timeout, shared across runs.</summary>
internal static class StepPipelines
{
    private static readonly ConcurrentDictionary<TimeSpan, ResiliencePipeline> Cache = new();

    public static ResiliencePipeline For(TimeSpan timeout) =>
        Cache.GetOrAdd(timeout, t => new ResiliencePipelineBuilder().AddTimeout(t).Build());
}
