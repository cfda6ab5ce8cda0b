using System.Text.Json.Nodes;
using ConformanceHarness.Reporting;

namespace ConformanceHarness.Tests.Reporting;

/// <summary>
/// The HTML report in a real headless Chromium (Debian's package), over the DevTools Protocol: it loads from file://
/// without console errors or exceptions and requests nothing but itself; a cell opens its transcript with client and
/// server lines told apart and bare LF and control bytes visible; the filters hide rows; a screenshot is saved.
/// </summary>
[Category("Browser")]
[NonParallelizable]
public sealed class HtmlReportBrowserTests
{
    private string folder = null!;

    [SetUp]
    public void SetUp() => folder = Directory.CreateTempSubdirectory("ch-html-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(folder, recursive: true);

    [Test]
    [CancelAfter(120_000)]
    public async Task Report_LoadsWithoutErrors_ACellOpensItsTranscript_FiltersHideRows(CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "report.html");
        await HtmlReport.WriteAsync(HtmlReportTests.Sample(), path, cancellationToken);
        await using var browser = await HeadlessChromium.StartAsync(cancellationToken);
        var url = new Uri(path);
        await browser.NavigateAsync(url, cancellationToken);

        var rows = await browser.EvaluateAsync("document.querySelectorAll('tr.scenario-row:not([hidden])').length", cancellationToken);
        Assert.That((int)rows!, Is.EqualTo(8), "every scenario shown at first");

        // The Fail on postfix with a transcript (the known deviation: an expected fail).
        var opened = await browser.EvaluateAsync(
            """
            (() => {
              const cell = document.querySelector('tr[data-scenario="smtp/rfc5321/3.6/open-relay"] td.cell[data-target="postfix"]');
              cell.click();
              const lines = [...document.querySelectorAll('#transcript .line')];
              return {
                hidden: document.getElementById('detail').hidden,
                verdict: document.getElementById('detail-verdict').textContent,
                expected: document.getElementById('detail-expected').textContent,
                actual: document.getElementById('detail-actual').textContent,
                quote: document.getElementById('detail-quote').textContent,
                body: document.getElementById('detail-body').innerText,
                kinds: lines.map(l => l.className),
                texts: lines.map(l => l.querySelector('.text').textContent),
                escapes: [...document.querySelectorAll('#transcript .esc')].map(e => e.textContent),
                hash: location.hash
              };
            })()
            """,
            cancellationToken);
        Assert.That((bool)opened!["hidden"]!, Is.False, "the detail panel opened");
        Assert.That((string)opened["verdict"]!, Is.EqualTo("fail (expected) on postfix"));
        Assert.That((string)opened["expected"]!, Does.EndWith("5xx"));
        Assert.That((string)opened["actual"]!, Does.EndWith("250 2.1.5 Ok"));
        Assert.That((string)opened["quote"]!, Is.EqualTo("the server MUST return a 503 reply"));
        Assert.That((string)opened["body"]!, Does.Contain("RFC 5321 §3.6").Or.Contain("RFC 5321 §4.1.4"));
        Assert.That(opened["kinds"]!.AsArray().Select(k => (string)k!), Is.EqualTo(new[] { "line note", "line server", "line client", "line client", "line server" }));
        var texts = opened["texts"]!.AsArray().Select(t => (string)t!).ToList();
        Assert.That(texts[1], Is.EqualTo("[main]220 mx.example.test ESMTP⏎"));
        Assert.That(texts[2], Is.EqualTo("[main]EHLO client.example.test⏎"));
        Assert.That(texts[4], Is.EqualTo(@"[second]250 ok\x01\x1B bare\n"), "bare LF and control bytes visible, byte for byte");
        Assert.That(opened["escapes"]!.AsArray().Select(e => (string)e!), Is.EqualTo(new[] { @"\x01", @"\x1B", @"\n" }), "and highlighted");
        Assert.That((string)opened["hash"]!, Does.StartWith("#r"), "the open cell is in the URL");

        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "html-report-browser.png");
        await File.WriteAllBytesAsync(screenshot, await browser.ScreenshotAsync(cancellationToken), cancellationToken);
        TestContext.AddTestAttachment(screenshot, "the report with a cell open, in headless Chromium");
        Assert.That(new FileInfo(screenshot).Length, Is.GreaterThan(10_000));

        // Reopening from the URL's hash, then filters: only fail rows; then level security only; then a tag.
        await browser.NavigateAsync(new Uri(url.AbsoluteUri + "?again" + (string)opened["hash"]!), cancellationToken); // a new document, not a fragment move
        var filtered = await browser.EvaluateAsync(
            """
            (() => {
              const shown = () => [...document.querySelectorAll('tr.scenario-row')].filter(r => !r.hidden).map(r => r.dataset.scenario);
              const reopened = !document.getElementById('detail').hidden;
              document.querySelectorAll('input[name=verdict]').forEach(c => { c.checked = c.value === 'fail'; });
              document.getElementById('filters').dispatchEvent(new Event('change', { bubbles: true }));
              const fails = shown();
              document.querySelectorAll('input[name=level]').forEach(c => { c.checked = c.value === 'security'; });
              document.getElementById('filters').dispatchEvent(new Event('change', { bubbles: true }));
              const security = shown();
              document.querySelectorAll('input').forEach(c => { if (c.type === 'checkbox') c.checked = true; });
              const tag = document.getElementById('tag-filter'); tag.value = 'state';
              tag.dispatchEvent(new Event('change', { bubbles: true }));
              return { reopened, fails, security, tagged: shown(), count: document.getElementById('shown-count').textContent,
                       ruleRows: [...document.querySelectorAll('tr.rule-row')].filter(r => !r.hidden).length };
            })()
            """,
            cancellationToken);
        Assert.That((bool)filtered!["reopened"]!, Is.True, "#rN opens the cell");
        Assert.That(Strings(filtered["fails"]), Is.EquivalentTo(new[] { "smtp/rfc5321/3.6/open-relay", "smtp/rfc5321/4.5.3.1/line-length" }));
        Assert.That(Strings(filtered["security"]), Is.EqualTo(new[] { "smtp/rfc5321/3.6/open-relay" }));
        Assert.That(Strings(filtered["tagged"]), Is.EqualTo(new[] { "smtp/rfc5321/4.1.4/rcpt-before-mail" }));
        Assert.That((string)filtered["count"]!, Is.EqualTo("1 of 8 scenarios"));
        Assert.That((int)filtered["ruleRows"]!, Is.EqualTo(1));

        Assert.That(browser.Errors, Is.Empty, "no console error, exception or failed request");
        Assert.That(browser.Requests, Has.All.StartsWith("file://").Or.StartsWith("data:").Or.EqualTo("about:blank"), "no network fetch");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Harness_SeesAScriptError_WhenThereIsOne(CancellationToken cancellationToken)
    {
        // The error collection itself must be able to fail: a page that throws is caught.
        var path = Path.Combine(folder, "broken.html");
        await File.WriteAllTextAsync(path, "<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\"></head><body><script>undefinedFunction();</script></body></html>", cancellationToken);
        await using var browser = await HeadlessChromium.StartAsync(cancellationToken);
        await browser.NavigateAsync(new Uri(path), cancellationToken);
        await Task.Delay(200, cancellationToken);
        Assert.That(browser.Errors, Has.Some.Contains("undefinedFunction"));
    }

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!);
}
