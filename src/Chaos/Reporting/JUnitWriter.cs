using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Chaos.Slo;

namespace Chaos.Reporting;

/// <summary>
/// Writes <c>junit.xml</c>: one testsuite per run (scenario and repeat, names unique within the file), one testcase per SLO plus a
/// <c>verdict</c> testcase; the root carries the totals. An SLO without data is a failure of type <c>no-data</c>, never a skip, so that
/// no CI shows it green. The structure follows the Jenkins/Surefire junit XSD (no attributes or elements outside it).
/// </summary>
public static class JUnitWriter
{
    public const string FileName = "junit.xml";
    public const string VerdictTestCase = "verdict";

    /// <summary>One document for any number of runs: a whole gate (every scenario and repeat) or a single run.</summary>
    public static XDocument Build(IReadOnlyList<RunReport> reports)
    {
        var suites = GateRuns.InOrder(reports).Select(Suite).ToList();
        int Sum(string attribute) => suites.Sum(s => int.Parse(s.Attribute(attribute)!.Value, CultureInfo.InvariantCulture));
        var seconds = reports.Sum(Seconds);
        return new(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites",
            new XAttribute("name", "chaos"),
            new XAttribute("tests", Sum("tests")),
            new XAttribute("failures", Sum("failures")),
            new XAttribute("errors", Sum("errors")),
            new XAttribute("time", Time(seconds)),
            suites));
    }

    public static Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken) =>
        WriteAsync([report], path, cancellationToken);

    /// <summary>Writes one file for every run of a gate.</summary>
    public static async Task WriteAsync(IReadOnlyList<RunReport> reports, string path, CancellationToken cancellationToken)
    {
        // No byte-order mark: some CI parsers reject one before the XML declaration.
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) };
        await using var stream = File.Create(path);
        await using var writer = XmlWriter.Create(stream, settings);
        await Build(reports).SaveAsync(writer, cancellationToken);
    }

    private static double Seconds(RunReport report) => Math.Max(0, (report.FinishedAt - report.StartedAt).TotalSeconds);

    private static string Time(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static XElement Suite(GateRuns.Run run, int id)
    {
        var report = run.Report;
        var cases = report.Slos.Select(slo => Case(run, slo)).Append(Verdict(run)).ToList();
        return new XElement("testsuite",
            new XAttribute("name", run.SuiteName),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            new XAttribute("time", Time(Seconds(report))),
            new XAttribute("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            new XAttribute("hostname", report.Environment.Machine),
            new XAttribute("id", id),
            new XElement("properties",
                Property("run-id", report.RunId),
                Property("scenario", report.ScenarioName),
                Property("repeat", run.Repeat.ToString(CultureInfo.InvariantCulture)),
                Property("variant", report.Variant),
                Property("seed", report.Seed?.ToString(CultureInfo.InvariantCulture) ?? ""),
                Property("outcome", ReportFormat.Outcome(report.Outcome)),
                Property("provider", report.Environment.Provider)),
            cases,
            new XElement("system-out", report.Reason),
            new XElement("system-err", ""));
    }

    private static XElement Case(GateRuns.Run run, SloResult slo)
    {
        var testCase = TestCase(run, slo.Name);
        if (slo.Status != SloStatus.Passed)
        {
            testCase.Add(Failure(ReportFormat.Sentence(slo), slo.Status == SloStatus.NoData ? "no-data" : "slo-failed", slo.Definition));
        }
        return testCase;
    }

    private static XElement Verdict(GateRuns.Run run)
    {
        var report = run.Report;
        var testCase = TestCase(run, VerdictTestCase);
        if (report.Outcome != RunOutcome.Passed)
        {
            var outcome = ReportFormat.Outcome(report.Outcome);
            testCase.Add(Failure($"{outcome}: {report.Reason}", outcome, report.Reason));
        }
        return testCase;
    }

    // The classname carries the suite name so that CI tools keying test identity on classname.name keep repeats apart.
    private static XElement TestCase(GateRuns.Run run, string name) =>
        new("testcase", new XAttribute("name", name), new XAttribute("classname", $"chaos.{run.SuiteName}"), new XAttribute("time", "0"));

    private static XElement Failure(string message, string type, string text) =>
        new("failure", new XAttribute("message", message), new XAttribute("type", type), text);

    private static XElement Property(string name, string value) =>
        new("property", new XAttribute("name", name), new XAttribute("value", value));
}
