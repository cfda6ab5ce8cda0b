namespace ConformanceHarness.Scenarios;

/// <summary>
/// A keyword branch after an <c>S:</c> expectation, e.g. <c>FINDING 2xx: accepted for relay</c>: the replies it covers and
/// what they mean (<see cref="Description"/> may use variables, e.g. <c>{{domain}}</c>, rendered when it is hit).
/// </summary>
public sealed record ReplyBranch(IReadOnlyList<ReplyPattern> Patterns, string Description);
