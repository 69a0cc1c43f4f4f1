using System.CommandLine;
using Chaos.Cli;
using Chaos.Slo;

var root = new RootCommand("Chaos: chaos and resilience testing for AI inference stacks")
{
    RunCommand.Create(),
    GateCommand.Create(),
    ValidateCommand.Create(),
    ReportCommand.Create(),
    FaultsCommand.Create(),
    SchemaCommand.Create(),
};
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        await Console.Error.WriteLineAsync($"chaos: {error.Message}");
    }
    await Console.Error.WriteLineAsync("chaos: see 'chaos --help'");
    return ExitCodes.BadInput;
}
// Cancellation is ours (Interruption): cleanup must finish before the process ends, however long it takes.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
