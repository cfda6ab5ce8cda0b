using ConformanceHarness.Scenarios;
using ConformanceHarness.SenderAuth;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary>
/// <c>SIGNED-DATA</c>: renders the message, signs it with the run's DKIM key (MimeKit's DkimSigner), alters the body
/// when asked, and queues it dot-stuffed with the end-of-data line like any C: lines (one write with what follows).
/// </summary>
internal sealed class SignedDataHandler : StepHandler<SignedDataStep>
{
    protected override Task<StepProblem?> ExecuteAsync(SignedDataStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        var text = string.Join("\r\n", step.MessageLines.Select(l => Template.RenderText(l, context.Variables))) + "\r\n";
        var domain = Template.RenderText(step.DomainTemplate, context.Variables);
        byte[] signed;
        try
        {
            signed = DkimSigning.Sign(text, domain, step.Selector, step.AlterBody, RunDkimKey.Current);
        }
        catch (FormatException e)
        {
            return Task.FromResult<StepProblem?>(StepProblem.ScenarioError($"SIGNED-DATA: the message cannot be signed: {e.Message}"));
        }

        context.Transcript.Note($"SIGNED-DATA: DKIM-Signature d={domain} s={step.Selector} with this run's key{(step.AlterBody ? ", then the body altered (one line added after signing)" : string.Empty)}", context.Connection.Name);
        context.Pending.AddRange(DkimSigning.DotStuffedData(signed));
        return Next;
    }
}
