using System.Text;
using ConformanceHarness.Protocols;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary>
/// <c>SECURE</c>: STARTTLS / STLS and the handshake when the capability probe saw the verb, else a note and the
/// dialogue goes on in the clear. The upgrade itself is the <c>C:</c>, <c>S:</c> and <c>TLS</c> steps it stands for,
/// run through their own handlers, so it is graded exactly as a scenario that spelled them out.
/// </summary>
internal sealed class SecureHandler : StepHandler<SecureStep>
{
    protected override async Task<StepProblem?> ExecuteAsync(SecureStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        var connection = context.Connection;
        if (connection.Wire.IsTls)
        {
            context.Transcript.Note("SECURE: the connection is already TLS", connection.Name);
            return null;
        }

        if (!string.Equals(connection.Role.Name, context.Scenario.Role, StringComparison.Ordinal))
        {
            return StepProblem.ScenarioError($"SECURE on connection '{connection.Name}' ({connection.Role.Name}): the capability probe describes only the scenario's role '{context.Scenario.Role}'");
        }

        var dialect = connection.Dialect;
        if (context.Capabilities.ProbeError is { } error)
        {
            // Not knowing whether TLS is offered, a cleartext login could be refused for a reason that is not the subject.
            return new StepProblem(Verdict.Inconclusive, $"cannot tell whether {dialect.TlsVerb} is offered: {error}", dialect.TlsVerb, error);
        }

        if (!context.Capabilities.Plain.Contains(dialect.TlsVerb))
        {
            context.Transcript.Note($"no {dialect.TlsVerb} offered: continuing in the clear", connection.Name);
            context.Notes.Add($"line {step.Line}: no {dialect.TlsVerb} offered, the dialogue went on in the clear");
            return null;
        }

        var goAhead = DialogueParser.ParseExpectation(dialect.Protocol == MailProtocol.Pop3 ? "+OK" : "220", step.Line);
        Step[] upgrade = [new SendStep(step.Line, dialect.TlsVerb, AppendCrlf: true), new ExpectStep(step.Line, goAhead, MultiLine: false), new TlsStep(step.Line)];
        foreach (var part in upgrade)
        {
            var problem = part is SendStep ? null : await PendingSend.FlushAsync(context, cancellationToken).ConfigureAwait(false);
            problem ??= await StepHandlers.For(part)!.ExecuteAsync(part, context, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }
}
