using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
using Spectre.Console;

namespace ConformanceHarness.Cli.Rendering;

/// <summary>How a verdict looks on the console: one symbol and one colour each (the matrix legend).</summary>
public static class VerdictStyle
{
    public static string Symbol(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "✓",
        Verdict.Fail => "✗",
        Verdict.Warn => "!",
        Verdict.Info => "i",
        Verdict.Skip => "-",
        Verdict.Inconclusive => "?",
        Verdict.Error => "E",
        _ => " ",
    };

    public static string Colour(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "green",
        Verdict.Fail => "red",
        Verdict.Warn => "yellow",
        Verdict.Info => "blue",
        Verdict.Skip => "grey",
        Verdict.Inconclusive => "magenta",
        Verdict.Error => "red bold",
        _ => "default",
    };

    /// <summary>"[green]✓[/]".</summary>
    public static string SymbolMarkup(Verdict verdict) => $"[{Colour(verdict)}]{Spectre.Console.Markup.Escape(Symbol(verdict))}[/]";

    /// <summary>"[red]✗ fail[/]".</summary>
    public static string Markup(Verdict verdict) => $"[{Colour(verdict)}]{Spectre.Console.Markup.Escape($"{Symbol(verdict)} {VerdictNames.Of(verdict)}")}[/]";

    /// <summary>"✓ pass  ✗ fail  ! warn …": what the symbols mean.</summary>
    public static string Legend() => string.Join("  ", Enum.GetValues<Verdict>().Select(Markup));

    /// <summary>"12 ✓ pass, 1 ✗ fail, …" with colours, leaving out verdicts nobody got.</summary>
    public static string TallyMarkup(VerdictTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var parts = Enum.GetValues<Verdict>()
            .Where(v => tally[v] > 0 || v is Verdict.Pass or Verdict.Fail or Verdict.Error)
            .Select(v => $"[{Colour(v)}]{tally[v]} {Spectre.Console.Markup.Escape(Symbol(v))} {VerdictNames.Of(v)}[/]");
        return string.Join(", ", parts);
    }
}
