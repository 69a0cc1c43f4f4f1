using System.Globalization;
using System.Text.Json;
using Chaos.Reporting;
using Microsoft.Playwright;

namespace Chaos.BrowserTests;

/// <summary>
/// report.html of a realistic 10-minute run, opened from disk (file://) in headless Chromium through Playwright: no console errors,
/// no request off the file, every chart with its expected series, a screenshot whose pixels are really a drawn page, basic
/// accessibility (title, labelled charts, table headers, text contrast from the computed styles) and a size under 2 MB.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ReportInBrowserTests : IAsyncLifetime
{
    private const long MaxBytes = 2 * 1024 * 1024;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private static string Artifacts { get; } = Path.Combine(AppContext.BaseDirectory, "browser-artifacts");

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHAOS_CHROMIUM") ?? "/usr/bin/chromium";
        File.Exists(chromium).ShouldBeTrue($"no Chromium at {chromium}: install Debian's chromium (test.sh does: apt-get install -y chromium) or set CHAOS_CHROMIUM");
        _playwright = await Playwright.CreateAsync();
        // The system Chromium, never a downloaded one; Playwright runs it without its sandbox (we run as root in CI).
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
        Directory.CreateDirectory(Artifacts);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    [Fact]
    public async Task Report_TwoRegionRun_GroupsTheHealthLanesByRegionAndMarksTheFailover()
    {
        // The same run on two regions: region b's replica seen by the observer, and the front door failing over to it.
        var run = RealisticRun.Build(seed: 7);
        var at = run.StartedAt;
        RunEvent Event(double seconds, string type, params (string Key, object? Value)[] data) =>
            new(at.AddSeconds(seconds), seconds, type, data.ToDictionary(d => d.Key, d => d.Value));
        var failoverAt = RealisticRun.MeasuredStart + 300;
        run = run with
        {
            Events =
            [
                .. run.Events,
                Event(RealisticRun.MeasuredStart + 1, "observe.health", ("member", "inference-b-1"), ("role", "inference-b"), ("region", "b"), ("ready", true)),
                Event(RealisticRun.MeasuredStart + 1, "observe.health", ("member", "gateway"), ("role", "gateway"), ("region", "a"), ("ready", true)),
                Event(failoverAt, "stack.signal", ("kind", "failover"), ("source", "frontdoor"), ("replica", "region b")),
            ],
        };

        var (page, problems) = await OpenAsync(await WriteRunAsync("regions", run));

        problems.ShouldBeEmpty();
        var charts = await ChartsAsync(page);
        charts["throughput"].Where(s => s.Name == "failover").Sum(s => s.Marks).ShouldBeGreaterThan(0, "the failover marker is missing");
        var groups = await page.Locator("svg[data-chart=health] text.lane-group").AllTextContentsAsync();
        groups.ShouldContain("region a");
        groups.ShouldContain("region b");
        (await page.Locator("svg[data-chart=health] g[data-member=\"inference-b-1\"]").CountAsync()).ShouldBe(1);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Report_TenMinuteRun_RendersEveryChartWithoutErrors()
    {
        var (page, problems) = await OpenAsync(await WriteRunAsync("run", RealisticRun.Build(seed: 7)));

        problems.ShouldBeEmpty();
        var charts = await ChartsAsync(page);
        var expected = new Dictionary<string, string[]>
        {
            ["throughput"] = ["ok", "degraded", "errors", "error-rate", "fault", "fault-lines", "detection", "recovery"],
            ["latency"] = ["p50", "p95", "p99", "fault", "fault-lines"],
            ["health"] = ["lane", "fault-lines"],
            ["drift"] = ["drift", "threshold", "fault"],
            ["pipeline"] = ["accepted", "quarantined", "committed"],
            ["models"] = ["version"],
            ["quality"] = ["accuracy", "auc", "gap"],
        };
        charts.Keys.Order().ShouldBe(expected.Keys.Order());
        foreach (var (chart, series) in expected)
        {
            foreach (var name in series)
            {
                charts[chart].Where(s => s.Name == name).Sum(s => s.Marks).ShouldBeGreaterThan(0, $"chart {chart}: series {name} is missing or empty");
            }
        }
        charts["health"].Count(s => s.Name == "lane").ShouldBe(5); // gateway, inference-1, inference-2, inference-simple, controller
        charts["drift"].Count(s => s.Name == "drift").ShouldBe(2); // psi and ks of income
        charts["latency"].Single(s => s.Name == "p99").Marks.ShouldBe(RealisticRun.MeasuredSeconds);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Report_Screenshot_IsADrawnPageNotABlank()
    {
        var (page, problems) = await OpenAsync(await WriteRunAsync("screenshot", RealisticRun.Build(seed: 7)));
        var path = Path.Combine(Artifacts, "report-full.png");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "report-top.png") });
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        foreach (var section in new[] { "summary", "slos", "timeline", "data-model" })
        {
            await page.Locator($"#{section}").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Artifacts, $"report-{section}.png") });
        }

        problems.ShouldBeEmpty();
        var image = PngImage.Decode(png);
        image.Width.ShouldBeGreaterThan(800);
        image.Height.ShouldBeGreaterThan(2000);
        var colours = new HashSet<int>();
        long white = 0, okGreen = 0, total = 0;
        for (var y = 0; y < image.Height; y += 2)
        {
            for (var x = 0; x < image.Width; x += 2)
            {
                var rgb = image.Rgb(x, y);
                colours.Add(rgb);
                white += rgb == 0xFFFFFF ? 1 : 0;
                okGreen += rgb == 0x2DA44E ? 1 : 0;
                total++;
            }
        }
        colours.Count.ShouldBeGreaterThan(200, "a drawn report has text, charts and lanes in many colours");
        (white / (double)total).ShouldBeLessThan(0.97, "the page is (almost) blank");
        (okGreen / (double)total).ShouldBeGreaterThan(0.005, "the throughput bars and health lanes (#2da44e) are not painted");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Report_Accessibility_TitlesLabelsHeadersAndContrast()
    {
        var (page, problems) = await OpenAsync(await WriteRunAsync("a11y", RealisticRun.Build(seed: 7)));

        problems.ShouldBeEmpty();
        (await page.TitleAsync()).ShouldStartWith("replica-kill-long: ");
        (await page.EvaluateAsync<string>("() => document.documentElement.lang")).ShouldBe("en");
        var unlabelled = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('svg')].filter(s => !s.getAttribute('aria-label') || !s.querySelector(':scope > title')?.textContent).length");
        unlabelled.ShouldBe(0, "every chart has an aria-label and a <title>");
        var headless = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('table')].filter(t => t.querySelectorAll('thead th').length === 0).length");
        headless.ShouldBe(0, "every table has column headers");
        var json = await page.EvaluateAsync<string>(ContrastScript);
        var failures = JsonSerializer.Deserialize<List<ContrastFailure>>(json, JsonSerializerOptions.Web)!;
        failures.ShouldBeEmpty(string.Join("; ", failures.Take(10).Select(f => $"'{f.Text}' {f.Ratio:0.00}:1 < {f.Needed}:1 ({f.Colour} on {f.Background})")));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Report_Printed_UsesThePrintStylesheetAndPaginates()
    {
        var (page, problems) = await OpenAsync(await WriteRunAsync("print", RealisticRun.Build(seed: 7)));

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        var header = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('header')).backgroundColor");
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, Path = Path.Combine(Artifacts, "report.pdf") });

        problems.ShouldBeEmpty();
        header.ShouldBe("rgba(0, 0, 0, 0)", "printed, the verdict banner is a black frame, not a coloured block");
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").ShouldBeGreaterThan(2);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Report_TenMinuteRun_IsUnderTwoMegabytes()
    {
        var file = await WriteRunAsync("size", RealisticRun.Build(seed: 7));

        var bytes = new FileInfo(file).Length;

        bytes.ShouldBeLessThan(MaxBytes, $"report.html of a 10-minute run is {bytes} bytes");
        File.WriteAllText(Path.Combine(Artifacts, "report-size.txt"), bytes.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Report_WithBaseline_OverlaysTheBaselineAndComparesSlos()
    {
        var directory = Path.Combine(Artifacts, "compare");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "report-vs-baseline.html");
        await HtmlReportWriter.WriteAsync(RealisticRun.Build(seed: 7), RealisticRun.Build(seed: 8, partition: false), file, TestContext.Current.CancellationToken);
        var (page, problems) = await OpenAsync(file);

        problems.ShouldBeEmpty();
        var charts = await ChartsAsync(page);
        charts["throughput"].Single(s => s.Name == "baseline-error-rate").Marks.ShouldBe(RealisticRun.MeasuredSeconds);
        charts["latency"].Single(s => s.Name == "baseline-p99").Marks.ShouldBe(RealisticRun.MeasuredSeconds);
        var rows = await page.Locator("#comparison table").First.Locator("tbody tr").CountAsync();
        rows.ShouldBe(6); // one per SLO of the scenario
        await page.Locator("#comparison").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Artifacts, "report-comparison.png") });
        await page.CloseAsync();
    }

    [Fact]
    public async Task GateReport_RepeatsAndMatrix_RenderWithWorkingLinks()
    {
        var gate = Path.Combine(Artifacts, "gate");
        var runs = new[] { RealisticRun.Build(seed: 7), RealisticRun.Build(seed: 8, partition: false), RealisticRun.Build(seed: 9, partition: false) };
        foreach (var run in runs)
        {
            await ReportSet.WriteAllAsync(run, Path.Combine(gate, run.RunId), githubStepSummary: null, TestContext.Current.CancellationToken);
        }
        var (matrix, error) = FidelityMatrix.Read("""
            {"matrixId": "matrix-1", "wallTimeSeconds": 120, "exitCode": 1, "complete": true, "passed": false, "fullPassed": true,
             "everyVariantCaught": false, "scenarios": ["replica-kill-long"],
             "full": [{"scenario": "replica-kill-long", "runs": 3, "passed": 3, "interval": {"lower": 0.44, "upper": 1}, "runIds": ["a", "b", "c"], "explanation": "passed 3/3"}],
             "variants": [
              {"variant": "no-retries", "description": "retries", "caught": true, "cells": [{"scenario": "replica-kill-long", "status": "caught", "runIds": ["d"],
                "outcomes": ["failed"], "explanation": "failed: availability 97.1%",
                "symptoms": [{"slo": "availability", "target": ">= 99.5%", "measured": 0.971, "margin": -0.024, "unit": "fraction", "status": "failed"}]}]},
              {"variant": "single-replica", "description": "replicas", "caught": false, "cells": [{"scenario": "replica-kill-long", "status": "missed", "runIds": ["e"],
                "outcomes": ["passed"], "explanation": "passed", "symptoms": []}]}]}
            """, "matrix.json");
        error.ShouldBeNull();
        var file = Path.Combine(gate, HtmlReportWriter.FileName);
        await File.WriteAllTextAsync(file, HtmlGateReportWriter.Render(runs, matrix: matrix), TestContext.Current.CancellationToken);
        var (page, problems) = await OpenAsync(file);

        (await page.Locator("#gate tbody tr").CountAsync()).ShouldBe(1);
        (await page.Locator("#gate tbody tr td a").CountAsync()).ShouldBe(3);
        (await page.Locator("#matrix tbody tr").CountAsync()).ShouldBe(2);
        await page.Locator("body").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Artifacts, "gate-report.png") });
        await page.Locator("#gate tbody tr td a").First.ClickAsync();
        await page.WaitForURLAsync($"**/{runs[0].RunId}/report.html");
        (await page.TitleAsync()).ShouldStartWith("replica-kill-long: ");
        problems.ShouldBeEmpty();
        await page.CloseAsync();
    }

    private static async Task<string> WriteRunAsync(string name, RunReport report)
    {
        var directory = Path.Combine(Artifacts, name);
        await ReportSet.WriteAllAsync(report, directory, githubStepSummary: null, TestContext.Current.CancellationToken);
        return Path.Combine(directory, HtmlReportWriter.FileName);
    }

    // Opens the file with every request that is not the file itself refused and recorded, and every console error or page error recorded.
    private async Task<(IPage Page, List<string> Problems)> OpenAsync(string file)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var problems = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }
            lock (problems)
            {
                problems.Add($"request off the file: {route.Request.Url}");
            }
            await route.AbortAsync();
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (problems)
                {
                    problems.Add($"console {message.Type}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (problems)
            {
                problems.Add($"page error: {error}");
            }
        };
        page.RequestFailed += (_, request) =>
        {
            lock (problems)
            {
                problems.Add($"request failed: {request.Url}");
            }
        };
        var response = await page.GotoAsync(new Uri(file).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        response.ShouldNotBeNull();
        return (page, problems);
    }

    private sealed record Series(string Name, int Marks);

    private sealed record ContrastFailure(string Text, double Ratio, double Needed, string Colour, string Background);

    // Per chart: each data-series group and how many marks it drew (rects, lines, polyline points).
    private static async Task<Dictionary<string, List<Series>>> ChartsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('svg[data-chart]')].map(svg => ({
              chart: svg.dataset.chart,
              series: [...svg.querySelectorAll('[data-series]')].map(g => ({
                name: g.dataset.series,
                marks: g.querySelectorAll('rect,line').length + [...g.querySelectorAll('polyline')].reduce((n, p) => n + p.points.numberOfItems, 0)
              }))
            })))
            """);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().ToDictionary(
            c => c.GetProperty("chart").GetString()!,
            c => c.GetProperty("series").EnumerateArray().Select(s => new Series(s.GetProperty("name").GetString()!, s.GetProperty("marks").GetInt32())).ToList());
    }

    // WCAG 2 contrast of every visible text against the background it is drawn on (the nearest opaque HTML background; SVG text
    // sits on the white plot or page). Normal text needs 4.5:1, large text (24px, or 18.66px bold) 3:1.
    private const string ContrastScript = """
        () => {
          const parse = c => { const m = /rgba?\(([^)]+)\)/.exec(c || ''); if (!m) return null; const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
          const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
          const background = el => { for (let e = el; e; e = e.parentElement) { if (e instanceof SVGElement) continue; const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0.5) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
          const failures = [];
          for (const el of document.querySelectorAll('body *')) {
            if (['TITLE', 'title', 'STYLE', 'SCRIPT'].includes(el.tagName)) continue;
            const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
            if (!text) continue;
            const style = getComputedStyle(el);
            if (style.display === 'none' || style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
            const colour = parse(el instanceof SVGElement ? style.fill : style.color);
            if (!colour) continue;
            const bg = background(el);
            const [l1, l2] = [lum(colour), lum(bg)].sort((a, b) => b - a);
            const ratio = (l1 + 0.05) / (l2 + 0.05);
            const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
            const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
            if (ratio < needed) failures.push({ text: text.slice(0, 60), ratio, needed, colour: style.color + '/' + style.fill, background: JSON.stringify(bg) });
          }
          return JSON.stringify(failures);
        }
        """;
}
