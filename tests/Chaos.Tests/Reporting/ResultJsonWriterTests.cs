using System.Text.Json;
using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Tests.Reporting;

public sealed class ResultJsonWriterTests
{
    [Fact]
    public async Task Write_Report_RoundTrips()
    {
        var report = SampleReports.Failed();
        var path = Path.Combine(SampleReports.TempDirectory(), ResultJsonWriter.FileName);

        await ResultJsonWriter.WriteAsync(report, path, TestContext.Current.CancellationToken);
        var json = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        var read = ResultJsonWriter.Deserialize(json).ShouldNotBeNull();

        ResultJsonWriter.Serialize(read).ShouldBe(json);
        read.Outcome.ShouldBe(RunOutcome.Inconclusive);
        read.Slos.ShouldBe(report.Slos);
        read.Load.Intervals.ShouldBe(report.Load.Intervals);
        read.Load.MeasuredStartSeconds.ShouldBe(20);
        read.Environment.ShouldBe(report.Environment);
    }

    [Fact]
    public void Serialize_Report_UsesCamelCaseAndEnumStrings()
    {
        using var document = JsonDocument.Parse(ResultJsonWriter.Serialize(SampleReports.Failed() with { Outcome = RunOutcome.FaultNotInjected }));
        var root = document.RootElement;

        root.GetProperty("runId").GetString().ShouldBe("20250102-030405-abcd");
        root.GetProperty("outcome").GetString().ShouldBe("fault-not-injected");
        root.GetProperty("slos")[2].GetProperty("status").GetString().ShouldBe("no-data");
        root.GetProperty("slos")[2].GetProperty("measured").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
