namespace ConformanceHarness.Scenarios;

/// <summary>
/// Finds, before anything runs, a <c>{{variable}}</c> that no step defines: a typo in a scenario is then a load error
/// with file:line (<c>list</c> shows it too), not an Error in the middle of a run.
/// </summary>
public static class VariableUse
{
    /// <summary>
    /// Variables the harness sets while a dialogue runs, beside the profile's and the per-run ones
    /// (<c>Running.VariableSet</c>): the last reply, and the addresses of the connection.
    /// </summary>
    public static readonly IReadOnlyList<string> RunTime = ["reply_code", "reply_text", "local_ip", "server_ip"];

    /// <summary>
    /// The first use of a variable that is neither in <paramref name="known"/>, nor set by a step before it
    /// (<c>SET</c>, a named regex group, <c>LOCATE … AS</c>); null when every use is defined. Steps are checked in order,
    /// so a variable used before the step that defines it is reported too.
    /// </summary>
    public static ScenarioError? FirstUndefined(Scenario scenario, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var defined = new HashSet<string>(known, StringComparer.Ordinal);
        defined.UnionWith(RunTime);
        foreach (var step in scenario.Steps)
        {
            foreach (var name in Uses(step).SelectMany(Template.Names))
            {
                if (!defined.Contains(name))
                {
                    return new ScenarioError(scenario.File, step.Line, $"variable '{{{{{name}}}}}' is not defined here (not a profile or run variable, and no SET, regex group or LOCATE … AS before this line defines it)");
                }
            }

            defined.UnionWith(Defines(step));
        }

        return null;
    }

    private static IEnumerable<string> Uses(Step step) => step switch
    {
        SendStep send => [send.Template],
        SetStep set => [set.Template],
        AssertStep assert => [assert.Arguments],
        FillStep fill => [fill.OctetsTemplate],
        SignedDataStep signed => [signed.DomainTemplate, .. signed.MessageLines],
        DeliveryStep delivery => [delivery.TokenTemplate],
        ConfirmStep confirm => [confirm.TokenTemplate],
        LocateStep locate => [locate.TokenTemplate],
        _ => [],
    };

    private static IEnumerable<string> Defines(Step step) => step switch
    {
        SetStep set => [set.Name],
        LocateStep locate => [locate.Name],
        ExpectStep { Expectation.TextPattern: { } pattern } => pattern.GetGroupNames().Where(g => !int.TryParse(g, out _)),
        _ => [],
    };
}
