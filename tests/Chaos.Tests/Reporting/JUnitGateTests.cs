using System.Xml.Linq;
using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Tests.Reporting;

public sealed class JUnitGateTests
{
    private static RunReport Passed(string scenario, string variant = "full") => SampleReports.Failed(scenario) with
    {
        Variant = variant,
        Outcome = RunOutcome.Passed,
        Reason = "every SLO met",
        Slos = [SampleReports.Failed().Slos[1]],
    };

    /// <summary>replica-kill three times on full (one failed), once on single-replica; net-partition once.</summary>
    private static RunReport[] Gate() =>
    [
        Passed("replica-kill"),
        SampleReports.Failed("replica-kill"),
        Passed("replica-kill"),
        SampleReports.Failed("replica-kill") with { Variant = "single-replica" },
        Passed("net-partition"),
    ];

    [Fact]
    public void Build_Gate_FollowsTheJUnitSchemaRules() => JUnitSchema.Violations(JUnitWriter.Build(Gate())).ShouldBeEmpty();

    [Fact]
    public void Build_Gate_OneUniquelyNamedSuitePerRun()
    {
        var suites = JUnitWriter.Build(Gate()).Root!.Elements("testsuite").ToList();

        suites.Select(s => s.Attribute("name")!.Value).ShouldBe(
            ["replica-kill[full]#1", "replica-kill[full]#2", "replica-kill[full]#3", "replica-kill[single-replica]", "net-partition"]);
        suites.Select(s => s.Attribute("id")!.Value).ShouldBe(["0", "1", "2", "3", "4"]);
    }

    [Fact]
    public void Build_Gate_RepeatAndScenarioAreProperties()
    {
        var second = JUnitWriter.Build(Gate()).Root!.Elements("testsuite").ElementAt(1);

        Property(second, "repeat").ShouldBe("2");
        Property(second, "scenario").ShouldBe("replica-kill");
        Property(second, "variant").ShouldBe("full");
        second.Elements("testcase").ShouldAllBe(c => c.Attribute("classname")!.Value == "chaos.replica-kill[full]#2");
    }

    [Fact]
    public void Build_Gate_RootTotalsMatchTheSuites()
    {
        var root = JUnitWriter.Build(Gate()).Root!;

        // Two failed runs: 4 test cases, 3 failed (availability, timeToRecover, verdict) each; three passed runs: 2 test cases each, none failed.
        root.Attribute("tests")!.Value.ShouldBe("14");
        root.Attribute("failures")!.Value.ShouldBe("6");
        root.Attribute("errors")!.Value.ShouldBe("0");
        root.Attribute("time")!.Value.ShouldBe("377.500");
    }

    [Fact]
    public void Build_SingleRun_KeepsThePlainScenarioName() =>
        JUnitWriter.Build([SampleReports.Failed()]).Root!.Element("testsuite")!.Attribute("name")!.Value.ShouldBe("replica-kill");

    [Fact]
    public void Build_NoRuns_IsAnEmptyButValidDocument()
    {
        var document = JUnitWriter.Build([]);

        JUnitSchema.Violations(document).ShouldBeEmpty();
        document.Root!.Attribute("tests")!.Value.ShouldBe("0");
    }

    [Fact]
    public void Violations_MiscountedOrMisorderedSuite_AreReported()
    {
        var document = JUnitWriter.Build([SampleReports.Failed()]);
        var suite = document.Root!.Element("testsuite")!;
        suite.Attribute("failures")!.Value = "1";
        suite.Element("properties")!.Remove();
        suite.Add(new XElement("properties", new XElement("property", new XAttribute("name", "late"), new XAttribute("value", ""))));

        var violations = JUnitSchema.Violations(document);

        violations.ShouldContain(v => v.StartsWith("schema:", StringComparison.Ordinal));
        violations.ShouldContain("replica-kill: failures=1 but 3 expected");
        violations.ShouldContain("testsuites: failures=3 but 1 expected");
    }

    [Fact]
    public async Task WriteAsync_Gate_WritesOneParsableFile()
    {
        var path = Path.Combine(SampleReports.TempDirectory(), JUnitWriter.FileName);

        await JUnitWriter.WriteAsync(Gate(), path, TestContext.Current.CancellationToken);

        var document = XDocument.Load(path);
        document.Root!.Elements("testsuite").Count().ShouldBe(5);
        JUnitSchema.Violations(document).ShouldBeEmpty();
    }

    private static string Property(XElement suite, string name) =>
        suite.Element("properties")!.Elements("property").Single(p => p.Attribute("name")!.Value == name).Attribute("value")!.Value;
}
