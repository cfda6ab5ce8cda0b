using System.Text;
using ConformanceHarness.Reporting;
using ConformanceHarness.Running;
using ConformanceHarness.Scenarios;
using ConformanceHarness.Wire;

namespace ConformanceHarness.Tests.Reporting;

/// <summary>
/// A report with one result of every verdict on postfix (one Fail unforeseen, one a known deviation), a target that did not
/// start, a control failing what it was built to fail, and a load error.
/// </summary>
public static class SampleReport
{
    public static readonly DateTimeOffset Generated = new(2026, 11, 28, 5, 30, 0, TimeSpan.Zero);

    public static Scenario Scenario(string id, Level level = Level.Must, params string[] tags) => new()
    {
        Id = id,
        File = $"/repo/scenarios/{id}.yaml",
        Title = $"title of {id}",
        Rule = "RFC 5321 §4.1.4",
        Level = level,
        Protocol = id.Split('/')[0],
        Role = "smtp",
        Tags = tags,
        Steps = [],
        Dialogue = "S: 220\n",
    };

    public static ScenarioResult Result(string scenario, string target, Verdict verdict, string summary = "what happened") => new()
    {
        ScenarioId = scenario,
        Target = target,
        Verdict = verdict,
        Summary = summary,
        Duration = TimeSpan.FromMilliseconds(12.5),
    };

    public static IReadOnlyList<TranscriptEntry> Transcript() =>
    [
        new(TimeSpan.FromMilliseconds(1), TranscriptDirection.Note, Encoding.UTF8.GetBytes("connected to 127.0.0.1:25"), "main"),
        new(TimeSpan.FromMilliseconds(2), TranscriptDirection.Server, Encoding.ASCII.GetBytes("220 mx.example.test ESMTP\r\n"), "main"),
        new(TimeSpan.FromMilliseconds(3), TranscriptDirection.Client, Encoding.ASCII.GetBytes("EHLO client.example.test\r\nRCPT TO:<alice@example.test>\r\n"), "main"),
        new(TimeSpan.FromMilliseconds(4), TranscriptDirection.Server, [.. Encoding.ASCII.GetBytes("250 ok\x01\x1b bare\n")], "second"),
    ];

    public static RunReport Build()
    {
        var must = Scenario("smtp/rfc5321/4.1.4/rcpt-before-mail", Level.Must, "state", "command-order");
        var should = Scenario("smtp/rfc5321/4.1.1.1/ehlo", Level.Should);
        var security = Scenario("smtp/rfc5321/3.6/open-relay", Level.Security, "relay");
        var info = Scenario("smtp/rfc5321/4.2/greeting-text", Level.Info);
        var skip = Scenario("smtp/rfc3207/starttls", Level.Must, "tls");
        var inconclusive = Scenario("smtp/rfc5321/4.5.1/postmaster", Level.Must);
        var error = Scenario("smtp/rfc5321/4.4/received", Level.Must);
        var lineLength = Scenario("smtp/rfc5321/4.5.3.1/line-length", Level.Must);
        var entries = new List<ReportEntry>
        {
            new(must, Result(must.Id, "postfix", Verdict.Pass) with { Transcript = Transcript() }),
            new(should, Result(should.Id, "postfix", Verdict.Warn, "tolerated, not preferred") with { Expected = "250", Actual = "252", Line = 9, Notes = ["a note"] }),
            new(security, Result(security.Id, "postfix", Verdict.Fail, "relayed for a foreign domain") with
            {
                Expected = "5xx",
                Actual = "250 2.1.5 Ok",
                Line = 12,
                Transcript = Transcript(),
                Deviation = "known deviation (RFC 5321 §3.6): the control is open on purpose",
            }),
            new(info, Result(info.Id, "postfix", Verdict.Info)),
            new(skip, Result(skip.Id, "postfix", Verdict.Skip, "precondition not met: starttls")),
            new(inconclusive, Result(inconclusive.Id, "postfix", Verdict.Inconclusive, "greylisted: 450")),
            new(error, Result(error.Id, "postfix", Verdict.Error, "could not connect to smtp at 127.0.0.1:25: refused")),
            new(lineLength, Result(lineLength.Id, "postfix", Verdict.Fail, "a 1001-octet text line was accepted") with { Expected = "500", Actual = "250 ok", Line = 7 }),
            new(must, Result(must.Id, "exim", Verdict.Error, "the target did not start: no engine")),
            new(should, Result(should.Id, "exim", Verdict.Error, "the target did not start: no engine")),
            new(security, Result(security.Id, "postfix-openrelay", Verdict.Fail, "relayed for a foreign domain") with { Expected = "5xx", Actual = "250 2.1.5 Ok", Line = 12 }),
        };
        return new RunReport
        {
            Generated = Generated,
            Targets =
            [
                new ReportTarget { Name = "postfix", Title = "Postfix 3.7", Kind = "container", Protocols = ["smtp"], Control = false },
                new ReportTarget { Name = "exim", Title = "Exim 4.96", Kind = "container", Protocols = ["smtp"], Control = false, StartError = "no engine\nsecond line" },
                new ReportTarget { Name = "postfix-openrelay", Title = "Postfix as an open relay", Kind = "container", Protocols = ["smtp"], Control = true, MustFail = ["smtp/rfc5321/3.6/*"] },
            ],
            Entries = entries,
            LoadErrors = [new ScenarioError("/repo/scenarios/smtp/bad.yaml", 3, "level 'sometimes' is not one of must, should, security, info")],
        };
    }
}
