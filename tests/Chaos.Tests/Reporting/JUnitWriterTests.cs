using System.Xml.Linq;
using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Tests.Reporting;

public sealed class JUnitWriterTests
{
    private static async Task<XDocument> WriteAndParse(RunReport report)
    {
        var path = Path.Combine(SampleReports.TempDirectory(), JUnitWriter.FileName);
        await JUnitWriter.WriteAsync(report, path, TestContext.Current.CancellationToken);
        return XDocument.Load(path);
    }

    [Fact]
    public async Task Write_Report_FollowsTheJUnitSchemaStructure()
    {
        var document = await WriteAndParse(SampleReports.Failed());

        var root = document.Root.ShouldNotBeNull();
        root.Name.LocalName.ShouldBe("testsuites");
        var suite = root.Elements().ShouldHaveSingleItem();
        suite.Name.LocalName.ShouldBe("testsuite");
        foreach (var attribute in new[] { "name", "tests", "failures", "errors", "time", "timestamp", "hostname" })
        {
            suite.Attribute(attribute).ShouldNotBeNull(attribute);
        }
        suite.Elements().Select(e => e.Name.LocalName).Distinct().ShouldBe(["properties", "testcase", "system-out", "system-err"]);
        foreach (var testCase in suite.Elements("testcase"))
        {
            foreach (var attribute in new[] { "name", "classname", "time" })
            {
                testCase.Attribute(attribute).ShouldNotBeNull(attribute);
            }
            foreach (var failure in testCase.Elements("failure"))
            {
                failure.Attribute("message").ShouldNotBeNull();
                failure.Attribute("type").ShouldNotBeNull();
            }
            testCase.Elements("skipped").ShouldBeEmpty();
        }
    }

    // The same structural check as the gate's file (JUnitSchema: the Jenkins/Surefire XSD plus the count rules), for a single run's
    // junit.xml in every outcome, written to disk and read back.
    [Theory]
    [InlineData(RunOutcome.Passed)]
    [InlineData(RunOutcome.Failed)]
    [InlineData(RunOutcome.Inconclusive)]
    [InlineData(RunOutcome.FaultNotInjected)]
    [InlineData(RunOutcome.CleanupFailed)]
    public async Task Write_SingleRunInEveryOutcome_PassesTheJUnitSchemaCheck(RunOutcome outcome)
    {
        var document = await WriteAndParse(SampleReports.Failed() with { Outcome = outcome });

        JUnitSchema.Violations(document).ShouldBeEmpty();
    }

    [Fact]
    public async Task Write_Report_HasOneTestcasePerSloPlusVerdict()
    {
        var suite = (await WriteAndParse(SampleReports.Failed())).Root!.Element("testsuite")!;

        suite.Attribute("name")!.Value.ShouldBe("replica-kill");
        suite.Attribute("tests")!.Value.ShouldBe("4");
        suite.Attribute("failures")!.Value.ShouldBe("3");
        suite.Attribute("errors")!.Value.ShouldBe("0");
        suite.Attribute("time")!.Value.ShouldBe("75.500");
        suite.Elements("testcase").Select(c => c.Attribute("name")!.Value).ShouldBe(["availability", "latency", "timeToRecover", "verdict"]);
    }

    [Fact]
    public async Task Write_FailedSlo_CarriesMeasuredTargetAndMargin()
    {
        var failure = (await WriteAndParse(SampleReports.Failed())).Descendants("testcase")
            .Single(c => c.Attribute("name")!.Value == "availability").Element("failure")!;

        failure.Attribute("type")!.Value.ShouldBe("slo-failed");
        failure.Attribute("message")!.Value.ShouldBe("availability: measured 98.2%, target >= 99.5%, margin -1.3 pp");
    }

    [Fact]
    public async Task Write_NoData_IsAFailureNeverASkip()
    {
        var testCase = (await WriteAndParse(SampleReports.Failed())).Descendants("testcase")
            .Single(c => c.Attribute("name")!.Value == "timeToRecover");

        testCase.Element("failure")!.Attribute("type")!.Value.ShouldBe("no-data");
        testCase.Element("skipped").ShouldBeNull();
    }

    [Fact]
    public async Task Write_Verdict_CarriesTheOutcome()
    {
        var verdict = (await WriteAndParse(SampleReports.Failed())).Descendants("testcase").Single(c => c.Attribute("name")!.Value == "verdict");

        verdict.Element("failure")!.Attribute("type")!.Value.ShouldBe("inconclusive");
    }

    [Fact]
    public async Task Write_PassedRun_HasNoFailures()
    {
        var report = SampleReports.Failed() with
        {
            Outcome = RunOutcome.Passed,
            Slos = [SampleReports.Failed().Slos[1]],
        };

        var document = await WriteAndParse(report);

        document.Descendants("failure").ShouldBeEmpty();
        document.Root!.Element("testsuite")!.Attribute("failures")!.Value.ShouldBe("0");
    }

    [Fact]
    public async Task Write_Report_HasNoByteOrderMark()
    {
        var path = Path.Combine(SampleReports.TempDirectory(), JUnitWriter.FileName);
        await JUnitWriter.WriteAsync(SampleReports.Failed(), path, TestContext.Current.CancellationToken);

        (await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken))[0].ShouldBe((byte)'<');
    }

    [Fact]
    public void Build_SeveralReports_OneSuiteEach()
    {
        var document = JUnitWriter.Build([SampleReports.Failed("a"), SampleReports.Failed("b")]);

        document.Root!.Elements("testsuite").Select(s => s.Attribute("name")!.Value).ShouldBe(["a", "b"]);
    }
}
