using System.CommandLine;
using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Cli;

/// <summary><c>chaos schema</c>: prints the JSON Schema of scenario files (the copy in scenarios/ is the same text).</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command("schema", $"Print the JSON Schema of scenario files (also in {ScenarioSchema.RelativePath})");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(ScenarioSchema.Json);
            return ExitCodes.Passed;
        });
        return command;
    }
}
