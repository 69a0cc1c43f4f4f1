using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Chaos.Slo;

namespace Chaos.Reporting;

/// <summary>
/// Writes <c>junit.xml</c>: one testsuite per scenario, one testcase per SLO plus a <c>verdict</c> testcase. An SLO without data is a
/// failure of type <c>no-data</c>, never a skip, so that no CI shows it green.
/// </summary>
public static class JUnitWriter
{
    public const string FileName = "junit.xml";
    public const string VerdictTestCase = "verdict";

    public static XDocument Build(IReadOnlyList<RunReport> reports) =>
        new(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", reports.Select(Suite)));

    public static async Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken)
    {
        // No byte-order mark: some CI parsers reject one before the XML declaration.
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) };
        await using var stream = File.Create(path);
        await using var writer = XmlWriter.Create(stream, settings);
        await Build([report]).SaveAsync(writer, cancellationToken);
    }

    private static XElement Suite(RunReport report)
    {
        var cases = report.Slos.Select(slo => Case(report, slo)).Append(Verdict(report)).ToList();
        var seconds = Math.Max(0, (report.FinishedAt - report.StartedAt).TotalSeconds);
        return new XElement("testsuite",
            new XAttribute("name", report.ScenarioName),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            new XAttribute("time", seconds.ToString("0.000", CultureInfo.InvariantCulture)),
            new XAttribute("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            new XAttribute("hostname", report.Environment.Machine),
            new XElement("properties",
                Property("run-id", report.RunId),
                Property("variant", report.Variant),
                Property("seed", report.Seed?.ToString(CultureInfo.InvariantCulture) ?? ""),
                Property("outcome", ReportFormat.Outcome(report.Outcome)),
                Property("provider", report.Environment.Provider)),
            cases,
            new XElement("system-out", report.Reason),
            new XElement("system-err", ""));
    }

    private static XElement Case(RunReport report, SloResult slo)
    {
        var testCase = TestCase(report, slo.Name);
        if (slo.Status != SloStatus.Passed)
        {
            testCase.Add(Failure(ReportFormat.Sentence(slo), slo.Status == SloStatus.NoData ? "no-data" : "slo-failed", slo.Definition));
        }
        return testCase;
    }

    private static XElement Verdict(RunReport report)
    {
        var testCase = TestCase(report, VerdictTestCase);
        if (report.Outcome != RunOutcome.Passed)
        {
            var outcome = ReportFormat.Outcome(report.Outcome);
            testCase.Add(Failure($"{outcome}: {report.Reason}", outcome, report.Reason));
        }
        return testCase;
    }

    private static XElement TestCase(RunReport report, string name) =>
        new("testcase", new XAttribute("name", name), new XAttribute("classname", $"chaos.{report.ScenarioName}"), new XAttribute("time", "0"));

    private static XElement Failure(string message, string type, string text) =>
        new("failure", new XAttribute("message", message), new XAttribute("type", type), text);

    private static XElement Property(string name, string value) =>
        new("property", new XAttribute("name", name), new XAttribute("value", value));
}
