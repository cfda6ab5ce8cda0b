using ConformanceHarness.Scenarios;
using ConformanceHarness.Targets;

namespace ConformanceHarness.Tests.Fuzz;

/// <summary>
/// The scenario parser fuzzed with mutations of every real scenario file (tables included): whatever the bytes, it
/// returns a scenario or an error naming the file and a line of it — never an exception. Bounded and seeded: the same
/// mutations every run, so a failure here reproduces.
/// </summary>
public sealed class ScenarioParserFuzzTests
{
    private const int Seed = 5321;
    private const int MutationsPerFile = 40;

    [Test]
    public void MutatedScenarioFiles_Parsed_NoExceptionAndEveryErrorNamesFileAndLine()
    {
        var root = Path.Combine(RepositoryLayout.FindRoot() ?? throw new InvalidOperationException("run inside the repository"), "scenarios");
        var files = Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.That(files, Is.Not.Empty);
        var random = new Random(Seed);
        var (mutations, errors, accepted) = (0, 0, 0);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var original = File.ReadAllText(file);
            for (var i = 0; i < MutationsPerFile; i++)
            {
                var (text, kind) = ScenarioMutator.Mutate(original, random);
                mutations++;
                var lineCount = text.Split('\n').Length;
                IReadOnlyList<ScenarioError> found;
                try
                {
                    found = Parse(text, relative, file, out var parsed);
                    accepted += parsed;
                }
                catch (Exception e)
                {
                    problems.Add($"{relative} mutation {i} ({kind}): {e.GetType().Name}: {e.Message}");
                    continue;
                }

                errors += found.Count;
                foreach (var error in found.Where(e => e.File != file || e.Line < 1 || e.Line > lineCount))
                {
                    problems.Add($"{relative} mutation {i} ({kind}): error at {error.File}:{error.Line} (file has {lineCount} lines): {error.Message}");
                }
            }
        }

        TestContext.Out.WriteLine($"parser fuzz: {files.Count} files, {mutations} mutations, {errors} errors reported, {accepted} scenarios accepted, {problems.Count} problems (seed {Seed})");
        Assert.That(problems, Is.Empty, string.Join('\n', problems.Take(25)));
    }

    /// <summary>Parses as the loader would: a table expands to many scenarios, any other file is one.</summary>
    private static IReadOnlyList<ScenarioError> Parse(string text, string relative, string file, out int accepted)
    {
        if (relative.EndsWith(ScenarioTable.Extension, StringComparison.Ordinal))
        {
            var (scenarios, tableErrors) = ScenarioTable.Expand(text, relative[..^ScenarioTable.Extension.Length], file);
            accepted = scenarios.Count;
            return tableErrors;
        }

        var (scenario, error) = ScenarioLoader.TryParse(text, relative[..^".yaml".Length], file);
        accepted = scenario is null ? 0 : 1;
        return error is null ? [] : [error];
    }
}
