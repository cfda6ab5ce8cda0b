using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue.Steps;

/// <summary>
/// <c>FILL N</c>: at least N octets of message text, in 64 KiB writes, each under the step timeout. A server that stops
/// reading or closes part-way is graded by the next step, as with any other send.
/// </summary>
internal sealed class FillHandler : StepHandler<FillStep>
{
    /// <summary>The most a FILL step sends: far above any SIZE limit a bundled or student server sets.</summary>
    private const long MaxFillOctets = 512L * 1024 * 1024;

    private const int LinesPerWrite = 840;

    /// <summary>One FILL line: 76 printable octets (never a leading period, so no dot-stuffing, RFC 5321 §4.5.2) and CRLF.</summary>
    private static readonly byte[] FillLine = System.Text.Encoding.ASCII.GetBytes("FILL-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345\r\n");

    protected override async Task<StepProblem?> ExecuteAsync(FillStep step, DialogueContext context, CancellationToken cancellationToken)
    {
        var text = Template.RenderText(step.OctetsTemplate, context.Variables);
        if (ReplyChecks.Sum(text.EndsWith(" octets", StringComparison.Ordinal) ? text[..^" octets".Length] : text) is not { } octets || octets < 0 || octets > MaxFillOctets)
        {
            return StepProblem.ScenarioError($"FILL needs a number of octets from 0 to {MaxFillOctets} (a sum such as '10240000 + 4096'), got '{text}'");
        }

        var lines = (octets + FillLine.Length - 1) / FillLine.Length;
        var chunk = new byte[LinesPerWrite * FillLine.Length];
        for (var i = 0; i < LinesPerWrite; i++)
        {
            FillLine.CopyTo(chunk, i * FillLine.Length);
        }

        var connection = context.Connection;
        context.Transcript.Note($"FILL: sending {lines} line(s) of {FillLine.Length} octets ({lines * FillLine.Length} octets of message text, not copied here)", connection.Name);
        for (var sent = 0L; sent < lines;)
        {
            var now = (int)Math.Min(LinesPerWrite, lines - sent);
            var done = sent * FillLine.Length;
            var (written, problem) = await context.WriteAsync(
                ct => connection.Wire.SendUnrecordedAsync(chunk.AsMemory(0, now * FillLine.Length), ct),
                $"FILL: the server stopped reading after {done} octets (no progress within {context.Seconds})",
                $"FILL: send failed after {done} octets",
                cancellationToken).ConfigureAwait(false);
            if (!written)
            {
                return problem;
            }

            sent += now;
        }

        return null;
    }
}
