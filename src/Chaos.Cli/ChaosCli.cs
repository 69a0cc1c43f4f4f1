using System.CommandLine;
using Chaos.Slo;

namespace Chaos.Cli;

/// <summary>The chaos command line, callable in-process (tests) with its own output and error writers.</summary>
public static class ChaosCli
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Chaos: chaos and resilience testing for AI inference stacks")
        {
            RunCommand.Create(),
            GateCommand.Create(),
            ValidateCommand.Create(),
            ReportCommand.Create(),
            FaultsCommand.Create(),
            SchemaCommand.Create(),
            StackCommand.Create(),
            StopCommand.Create(),
            GameDayCommand.Create(),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"chaos: {parseError.Message}");
            }
            await error.WriteLineAsync("chaos: see 'chaos --help'");
            return ExitCodes.BadInput;
        }
        try
        {
            // Cancellation is ours (Interruption): cleanup must finish before the process ends, however long it takes.
            return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, Output = output, Error = error });
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Never a stack trace for the user: what broke, and where the details are.
            await error.WriteLineAsync($"chaos: internal error: {exception.GetType().Name}: {exception.Message}");
            await error.WriteLineAsync("chaos: this is a bug in chaos; please report it with the command line and the journal of the run");
            return ExitCodes.NoVerdict;
        }
    }
}
