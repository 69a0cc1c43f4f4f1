using Chaos.Scenarios;

namespace Chaos.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    private static ScenarioLoadResult Parse(string yaml) => ScenarioLoader.Parse(yaml, "s.yaml");

    private static ScenarioError SingleError(string yaml)
    {
        var result = Parse(yaml);
        result.IsValid.ShouldBeFalse();
        return result.Errors.ShouldHaveSingleItem();
    }

    private static string Replace(string oldText, string newText)
    {
        ValidScenarios.ReplicaKill.ShouldContain(oldText);
        return ValidScenarios.ReplicaKill.Replace(oldText, newText, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidScenario_ReadsEveryField()
    {
        var result = Parse(ValidScenarios.ReplicaKill);

        result.Errors.ShouldBeEmpty();
        var scenario = result.Scenario.ShouldNotBeNull();
        scenario.Name.ShouldBe("replica-kill");
        scenario.Seed.ShouldBe(42);
        scenario.SourcePath.ShouldBe("s.yaml");
        scenario.Stack.ShouldBe(new StackSpec { Variant = "full", Replicas = 2 });
        scenario.Load.ShouldBe(new LoadSpec
        {
            RatePerSecond = 100, Duration = TimeSpan.FromSeconds(40), Warmup = TimeSpan.FromSeconds(5),
            MaxInFlight = 256, Timeout = TimeSpan.FromSeconds(2),
        });
        scenario.SteadyState.ShouldHaveSingleItem().ShouldBe(new ProbeSpec { Kind = "http", Path = "/v2/health/ready", Expect = 200 });
        var fault = scenario.Faults.ShouldHaveSingleItem();
        fault.At.ShouldBe(TimeSpan.FromSeconds(15));
        fault.Kind.ShouldBe(KnownFaultKinds.ContainerKill);
        fault.Target.ShouldBe(new TargetSelector { Role = "inference", Pick = "one" });
        (fault.Line, fault.Column).ShouldBe((18, 5));
        scenario.Slos.Availability.ShouldBe(new Threshold(Comparison.AtLeast, 0.995));
        scenario.Slos.Latency.ShouldBe(new LatencySlo(TimeSpan.FromMilliseconds(250), new Threshold(Comparison.AtLeast, 0.99)));
        scenario.Slos.TimeToRecover.ShouldBe(new Threshold(Comparison.AtMost, 10));
    }

    [Fact]
    public void Parse_MinimalScenario_UsesDefaults()
    {
        var result = Parse("name: a\nload: { rate: 5, duration: 2m }\nslos: { availability: '> 90%' }\n");

        var scenario = result.Scenario.ShouldNotBeNull();
        scenario.Load.RatePerSecond.ShouldBe(5);
        scenario.Load.Duration.ShouldBe(TimeSpan.FromMinutes(2));
        scenario.Load.MaxInFlight.ShouldBe(256);
        scenario.Stack.ShouldBe(new StackSpec());
        scenario.Faults.ShouldBeEmpty();
        scenario.Seed.ShouldBeNull();
        scenario.Slos.Availability.ShouldBe(new Threshold(Comparison.GreaterThan, 0.9));
    }

    [Fact]
    public void Parse_UnknownKey_NamesKeyAndAllowedKeysAtItsPosition()
    {
        var error = SingleError(Replace("  maxInFlight: 256", "  maxInFlight: 256\n  burst: 3"));

        error.ShouldBe(new ScenarioError("s.yaml", 12, 3,
            "unknown key 'burst' in load; expected one of: rate, duration, warmup, maxInFlight, timeout, rows, transport, profile"));
    }

    [Fact]
    public void Parse_BadRate_PointsAtValue()
    {
        var error = SingleError(Replace("rate: 100/s", "rate: 100/m"));

        (error.Line, error.Column).ShouldBe((8, 9));
        error.Message.ShouldBe("invalid value '100/m' for load.rate; expected a rate like 100/s or 100, > 0 and <= 50000");
    }

    [Theory]
    [InlineData("rate: 100/s", "rate: 0", 8, 9)]
    [InlineData("rate: 100/s", "rate: 50001/s", 8, 9)]
    [InlineData("duration: 40s", "duration: 2h", 9, 13)]
    [InlineData("duration: 40s", "duration: 61m", 9, 13)]
    [InlineData("duration: 40s", "duration: 0s", 9, 13)]
    [InlineData("warmup: 5s", "warmup: soon", 10, 11)]
    [InlineData("maxInFlight: 256", "maxInFlight: 100001", 11, 16)]
    [InlineData("timeout: 2s", "timeout: 2", 12, 12)]
    [InlineData("timeout: 2s", "timeout: 2s\n  rows: 5000", 13, 9)]
    [InlineData("timeout: 2s", "timeout: 2s\n  rows: 0", 13, 9)]
    [InlineData("timeout: 2s", "timeout: 2s\n  transport: http2", 13, 14)]
    [InlineData("replicas: 2", "replicas: 9", 6, 13)]
    [InlineData("variant: full", "variant: tiny", 5, 12)]
    [InlineData("name: replica-kill", "name: Replica_Kill", 1, 7)]
    [InlineData("seed: 42", "seed: forty", 3, 7)]
    [InlineData("expect: 200", "expect: 700", 16, 13)]
    [InlineData("path: /v2/health/ready", "path: v2/health", 15, 11)]
    [InlineData("probe: http", "probe: grpc", 14, 12)]
    [InlineData("at: 15s", "at: 40s", 18, 9)]
    [InlineData("kind: container.kill", "kind: container.explode", 19, 11)]
    [InlineData("role: inference", "role: database", 20, 21)]
    [InlineData("pick: one", "pick: half", 20, 38)]
    [InlineData("\">= 99.5%\"", "\">= 101%\"", 22, 17)]
    [InlineData("\">= 99.5%\"", "\"99.5%\"", 22, 17)]
    [InlineData("threshold: 250ms", "threshold: fast", 23, 25)]
    [InlineData("\">= 99%\"", "\"=> 99%\"", 23, 42)]
    [InlineData("\"<= 10s\"", "\"<= ten\"", 24, 18)]
    public void Parse_InvalidValue_ReportsOneErrorAtTheValue(string oldText, string newText, int line, int column)
    {
        var error = SingleError(Replace(oldText, newText));

        (error.Line, error.Column).ShouldBe((line, column), error.Message);
        error.Message.ShouldContain("expected");
    }

    [Theory]
    [InlineData(null, KnownLoadTransports.DotNet)]
    [InlineData("dotnet", KnownLoadTransports.DotNet)]
    [InlineData("event-loop", KnownLoadTransports.EventLoop)]
    public void Parse_LoadTransport_DefaultsToDotNet(string? written, string expected)
    {
        var yaml = written is null ? ValidScenarios.ReplicaKill : Replace("timeout: 2s", $"timeout: 2s\n  transport: {written}");

        var result = Parse(yaml);

        if (expected == KnownLoadTransports.EventLoop && !Chaos.Load.LoadTransport.EventLoopSupported)
        {
            result.Errors.ShouldHaveSingleItem().Message.ShouldContain("needs x86-64 Linux");
            return;
        }
        result.Errors.ShouldBeEmpty();
        result.Scenario.ShouldNotBeNull().Load.Transport.ShouldBe(expected);
    }

    [Theory]
    [InlineData("  rate: 100/s\n", "missing required key 'rate' in load", 8, 3)]
    [InlineData("name: replica-kill\n", "missing required key 'name' in the scenario", 1, 1)]
    [InlineData("    kind: container.kill\n", "missing required key 'kind' in faults[0]", 18, 5)]
    public void Parse_MissingRequiredKey_PointsAtEnclosingMapping(string removed, string message, int line, int column)
    {
        var error = SingleError(Replace(removed, ""));

        error.Message.ShouldStartWith(message);
        (error.Line, error.Column).ShouldBe((line, column));
    }

    [Fact]
    public void Parse_EmptySlos_IsAnError()
    {
        var error = SingleError("name: a\nload: { rate: 5, duration: 2s }\nslos: {}\n");

        error.Message.ShouldBe("slos has no objective; expected at least one of: availability, fullService, inputValidation, latency, timeToRecover, errorBudgetBurn, timeToDetect, timeToHeal, rto, rpo, predictionQuality, dataLoss, driftDetectionDelay, timeToRetrain, trainingRework, dataValidation");
        (error.Line, error.Column).ShouldBe((3, 7));
    }

    [Fact]
    public void Parse_WrongNodeShape_SaysWhatWasFound()
    {
        var error = SingleError(Replace("faults:\n  - at: 15s", "faults:\n  - [15s]\n  - at: 15s"));

        error.Message.ShouldStartWith($"expected faults[0] to be a mapping with keys: {string.Join(", ", ScenarioKeys.Fault)}; found a list");
        (error.Line, error.Column).ShouldBe((18, 5));
    }

    [Fact]
    public void Parse_SyntaxError_ReportsLocation()
    {
        var error = SingleError("name: a\nload:\n  rate: [1, 2\n");

        error.Message.ShouldStartWith("invalid YAML: ");
        error.Message.ShouldNotContain("Idx:");
        error.Line.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void Parse_InputThatCrashesTheYamlLibrary_IsALocatedError()
    {
        // YamlDotNet throws a bare InvalidOperationException here, without a location.
        var error = SingleError("name: a\ndescription: 200\nseed: {\nstack:\n  variant: full\nload:\n  rate: 100/s\n");

        error.Message.ShouldStartWith("invalid YAML");
        error.Line.ShouldBe(3);
    }

    [Fact]
    public void Parse_DuplicateKey_IsAnErrorAtTheDuplicate()
    {
        var error = SingleError("name: a\nname: b\nload: { rate: 5, duration: 2s }\nslos: { availability: '>= 1%' }\n");

        error.Line.ShouldBe(2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Parse_EmptyFile_IsAnErrorAtTheStart(string yaml)
    {
        var error = SingleError(yaml);

        (error.Line, error.Column).ShouldBe((1, 1));
        error.Message.ShouldContain("expected one YAML document");
    }

    [Fact]
    public void Parse_ScalarDocument_ExpectsAMapping()
    {
        var error = SingleError("just text");

        error.Message.ShouldStartWith("expected the scenario to be a mapping with keys: name, description");
    }

    [Fact]
    public void Parse_ManyProblems_ReportsAllAtOnceInFileOrder()
    {
        var yaml = Replace("rate: 100/s", "rate: lots").Replace("variant: full", "variant: tiny", StringComparison.Ordinal)
            .Replace("kind: container.kill", "kind: nuke", StringComparison.Ordinal).Replace("timeToRecover", "timeToHeel", StringComparison.Ordinal);

        var result = Parse(yaml);

        result.IsValid.ShouldBeFalse();
        result.Errors.Select(e => e.Line).ShouldBe([5, 8, 19, 24]);
    }

    [Fact]
    public void Load_MissingFile_IsAnErrorNotAnException()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.yaml");

        var error = ScenarioLoader.Load(path).Errors.ShouldHaveSingleItem();

        error.File.ShouldBe(path);
        error.Line.ShouldBe(1);
        error.Message.ShouldStartWith("file not found");
    }

    [Fact]
    public void Load_ExistingFile_RecordsSourcePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, ValidScenarios.ReplicaKill);
        try
        {
            ScenarioLoader.Load(path).Scenario.ShouldNotBeNull().SourcePath.ShouldBe(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Format_Error_LooksLikeACompilerMessage()
    {
        ScenarioErrorFormatter.Format(new ScenarioError("a.yaml", 3, 7, "bad")).ShouldBe("a.yaml:3:7: error: bad");
    }
}
