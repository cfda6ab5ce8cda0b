using System.CommandLine;

namespace ConformanceHarness.Cli.Options;

/// <summary>The options <c>run</c> and <c>compare</c> share: selection, identity overrides, execution, and the report files and gates.</summary>
internal sealed class MatrixOptions
{
    public SelectionOptions Selection { get; } = new();

    public TargetIdentityOptions Identity { get; } = new();

    public ExecutionOptions Execution { get; } = new();

    public ReportOptions Reports { get; } = new();

    public void AddTo(Command command)
    {
        Selection.AddTo(command);
        Identity.AddTo(command);
        Execution.AddTo(command);
        Reports.AddTo(command);
    }
}
