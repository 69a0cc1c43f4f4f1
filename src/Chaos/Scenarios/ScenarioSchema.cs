using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Chaos.Scenarios.SchemaNodes;

namespace Chaos.Scenarios;

/// <summary>The JSON Schema (draft 2020-12) of scenario files, built from the keys, forms and Known* sets the reader uses.</summary>
public static partial class ScenarioSchema
{
    /// <summary>Where the catalogue keeps a copy, relative to the repository root.</summary>
    public const string RelativePath = "scenarios/scenario.schema.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The schema as indented JSON text with a final newline; <c>scenarios/scenario.schema.json</c> holds the same text.</summary>
    public static string Json { get; } = Build().ToJsonString(Options) + "\n";

    private static JsonObject Build()
    {
        var root = Closed("A chaos scenario: the stack, the load, the faults, the guardrails and the SLOs a run is scored against.",
            ScenarioKeys.Root, ["name", "load", "slos"],
            ("name", Text("Name of the scenario: lowercase letters, digits and dashes.", "^[a-z0-9-]+$")),
            ("description", new JsonObject { ["description"] = "What the scenario shows, in a sentence.", ["type"] = "string" }),
            ("tags", List("Labels a gate selects by, e.g. smoke (chaos gate scenarios --tag smoke).", Text("A tag: lowercase letters, digits and dashes.", "^[a-z0-9-]{1,32}$"), 0)),
            ("catches", List("Single-practice variants the scenario is written to catch; the gate-fidelity matrix runs it first in their rows (scheduling only, the runs decide).",
                OneOf("A single-practice variant.", KnownVariants.SinglePractice), 0)),
            ("seed", Integer("Seed of every random choice of the run; leave it out to pick one and record it.", int.MinValue, int.MaxValue)),
            ("stack", Stack()),
            ("load", Load()),
            ("steadyState", List("Probes checked before the faults and after recovery.", Probe(), minItems: 0)),
            ("faults", List("The fault timeline.", Fault(), minItems: 0)),
            ("guardrails", List("Abort the run early when a per-second metric stays past its limit.", Guardrail(), minItems: 0)),
            ("slos", Slos()),
            ("repeat", Integer("How many times the scenario runs, for verdicts with a confidence.", 1, 100)));
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://chaos.invalid/scenario.schema.json",
            ["title"] = "Chaos scenario",
        };
        foreach (var (key, value) in root.ToList())
        {
            root.Remove(key);
            schema[key] = value;
        }
        schema["$defs"] = Definitions();
        return schema;
    }

    private static JsonObject Definitions() => new()
    {
        ["duration"] = Text(ScenarioSyntax.DurationForm, ScenarioSyntax.DurationPatternText),
        ["rate"] = new JsonObject
        {
            ["description"] = $"{ScenarioSyntax.RateForm}: requests per second, > 0 and <= 50000.",
            ["type"] = new JsonArray("number", "string"),
            ["pattern"] = ScenarioSyntax.RatePatternText,
            ["exclusiveMinimum"] = 0,
            ["maximum"] = 50_000,
        },
        ["percent"] = Text(ScenarioSyntax.PercentForm, ScenarioSyntax.PercentPatternText),
        ["percentThreshold"] = Text(ScenarioSyntax.PercentThresholdForm, ScenarioSyntax.PercentThresholdPatternText),
        ["durationThreshold"] = Text(ScenarioSyntax.DurationThresholdForm, ScenarioSyntax.DurationThresholdPatternText),
        ["numberThreshold"] = Text(ScenarioSyntax.NumberThresholdForm, ScenarioSyntax.NumberThresholdPatternText),
        ["countThreshold"] = Text(ScenarioSyntax.CountThresholdForm, ScenarioSyntax.CountThresholdPatternText),
    };
}
