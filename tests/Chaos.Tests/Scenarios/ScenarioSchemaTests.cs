using System.Text.Json;
using System.Text.Json.Nodes;
using Chaos.Scenarios;
using Json.Schema;

namespace Chaos.Tests.Scenarios;

public sealed class ScenarioSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(ScenarioSchema.Json, new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    private static EvaluationResults Evaluate(string yaml) =>
        Schema.Value.Evaluate(JsonSerializer.SerializeToElement(YamlJson.Convert(yaml)), new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static string Describe(EvaluationResults results) =>
        string.Join(Environment.NewLine, (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));

    [Fact]
    public void Json_CatalogueCopy_IsUpToDate()
    {
        var path = RepositoryFiles.PathOf(ScenarioSchema.RelativePath);
        if (Environment.GetEnvironmentVariable("CHAOS_REGENERATE_SCHEMA") == "1")
        {
            File.WriteAllText(path, ScenarioSchema.Json);
        }
        var onDisk = File.Exists(path) ? File.ReadAllText(path) : "";

        onDisk.ShouldBe(ScenarioSchema.Json,
            $"{ScenarioSchema.RelativePath} differs from ScenarioSchema.Json; regenerate it with `chaos schema > {ScenarioSchema.RelativePath}` "
            + "or `CHAOS_REGENERATE_SCHEMA=1 dotnet test tests/Chaos.Tests --filter Json_CatalogueCopy_IsUpToDate`, and commit it.");
    }

    [Fact]
    public void Json_Always_IsDraft202012WithAClosedRoot()
    {
        var root = JsonNode.Parse(ScenarioSchema.Json).ShouldNotBeNull();

        root["$schema"]!.GetValue<string>().ShouldBe("https://json-schema.org/draft/2020-12/schema");
        root["additionalProperties"]!.GetValue<bool>().ShouldBeFalse();
        ScenarioSchema.Json.ShouldEndWith("}\n");
    }

    [Fact]
    public void Json_EveryObject_IsClosedAndEveryPropertyDescribed()
    {
        var objects = Descendants(JsonNode.Parse(ScenarioSchema.Json)!).OfType<JsonObject>().Where(o => o["type"]?.ToString() == "object").ToList();

        objects.Count.ShouldBeGreaterThan(15);
        foreach (var schema in objects)
        {
            schema["additionalProperties"]?.GetValue<bool>().ShouldBe(false, schema.ToJsonString());
            foreach (var (key, property) in schema["properties"]!.AsObject())
            {
                property!["description"].ShouldNotBeNull($"property '{key}' has no description");
            }
        }
    }

    [Theory]
    [InlineData("KnownVariants", "full")]
    [InlineData("KnownFaultKinds", "container.kill")]
    [InlineData("KnownProbeKinds", "infer")]
    [InlineData("KnownGuardrailMetrics", "p99Latency")]
    [InlineData("KnownProfileKinds", "spike")]
    [InlineData("KnownPredictionMetrics", "auc")]
    public void Json_KnownNames_AreAllListed(string set, string example)
    {
        var names = set switch
        {
            "KnownVariants" => KnownVariants.All,
            "KnownFaultKinds" => KnownFaultKinds.All,
            "KnownProbeKinds" => KnownProbeKinds.All,
            "KnownGuardrailMetrics" => KnownGuardrailMetrics.All,
            "KnownProfileKinds" => KnownProfileKinds.All,
            _ => KnownPredictionMetrics.All,
        };

        names.ShouldContain(example);
        foreach (var name in names)
        {
            ScenarioSchema.Json.ShouldContain($"\"{name}\"");
        }
    }

    [Fact]
    public void Evaluate_EveryCatalogueScenario_IsValid()
    {
        var files = Directory.GetFiles(RepositoryFiles.PathOf("scenarios"), "*.yaml");

        files.ShouldNotBeEmpty();
        foreach (var file in files)
        {
            var results = Evaluate(File.ReadAllText(file));
            results.IsValid.ShouldBeTrue($"{file}:{Environment.NewLine}{Describe(results)}");
        }
    }

    [Theory]
    [InlineData(nameof(ValidScenarios.ReplicaKill))]
    [InlineData(nameof(ValidScenarios.EveryKey))]
    [InlineData("ramp")]
    [InlineData("spike")]
    [InlineData("constant")]
    public void Evaluate_ValidScenario_IsValid(string which)
    {
        var yaml = which switch
        {
            nameof(ValidScenarios.ReplicaKill) => ValidScenarios.ReplicaKill,
            nameof(ValidScenarios.EveryKey) => ValidScenarios.EveryKey,
            "ramp" => ScenarioParsing.MinimalWithLoad("  profile: { kind: ramp, from: 50/s, to: 200/s }"),
            "spike" => ScenarioParsing.MinimalWithLoad("  profile: { kind: spike, rate: 500/s, at: 10s, length: 5s }"),
            _ => ScenarioParsing.MinimalWithLoad("  profile: { kind: constant }"),
        };
        ScenarioParsing.Valid(yaml);

        var results = Evaluate(yaml);

        results.IsValid.ShouldBeTrue(Describe(results));
    }

    [Theory]
    [InlineData("  maxInFlight: 256", "  maxInFlight: 256\n  burst: 3")]
    [InlineData("rate: 100/s\n", "rate: 100/m\n")]
    [InlineData("variant: full", "variant: tiny")]
    [InlineData("kind: container.kill", "kind: nuke")]
    [InlineData("kind: step", "kind: wave")]
    [InlineData("      - { at: 20s, rate: 50 }", "      - { at: 20s, speed: 50 }")]
    [InlineData("probe: infer", "probe: grpc")]
    [InlineData("inputs: [[50, 0.3, 40, 8, 0, 15, 5, 0], [20", "inputs: [[50, 0.3, 40, 8, 0, 15, 5], [20")]
    [InlineData("    model: credit\n", "    path: /x\n")]
    [InlineData("metric: errorRate", "metric: cpu")]
    [InlineData("below: 20%", "above: 20%")]
    [InlineData("above: 50%", "above: 0.5")]
    [InlineData("timeToRecover", "timeToHeel")]
    [InlineData("metric: accuracy", "metric: f1")]
    [InlineData("repeat: 3", "repeat: 0")]
    [InlineData("\"<= 10s\"", "\"<= ten\"")]
    [InlineData("name: every-key", "name: Every_Key")]
    public void Evaluate_InvalidScenario_IsInvalidForReaderAndSchema(string oldText, string newText)
    {
        var yaml = ScenarioParsing.EveryKeyWith(oldText, newText);
        ScenarioParsing.Parse(yaml).IsValid.ShouldBeFalse();

        Evaluate(yaml).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_MissingRequiredSection_IsInvalid()
    {
        Evaluate("name: a\nload: { rate: 5, duration: 2s }\n").IsValid.ShouldBeFalse();
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
