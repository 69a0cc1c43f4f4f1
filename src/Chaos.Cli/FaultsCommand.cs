using System.CommandLine;
using Chaos.Faults;
using Chaos.Slo;

namespace Chaos.Cli;

/// <summary><c>chaos faults</c>: the fault catalogue, one kind a line with what it does and how it is verified.</summary>
internal static class FaultsCommand
{
    public static Command Create()
    {
        var command = new Command("faults", "List the fault kinds a scenario may use");
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            foreach (var kind in FaultCatalog.Kinds.Order(StringComparer.Ordinal))
            {
                output.WriteLine($"{kind,-20} {FaultCatalog.Create(kind).Description}");
            }
            return ExitCodes.Passed;
        });
        return command;
    }
}
