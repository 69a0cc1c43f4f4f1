using System.CommandLine;
using Chaos.Scenarios;
using Chaos.Slo;

namespace Chaos.Cli;

/// <summary><c>chaos validate &lt;files&gt;</c>: every error of every file at once, with file, line and column.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Scenario files (YAML)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check scenario files without running them") { files };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var failed = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                var loaded = ScenarioLoader.Load(file.FullName);
                if (loaded.IsValid)
                {
                    output.WriteLine($"{file}: ok");
                }
                else
                {
                    failed++;
                    error.WriteLine(ScenarioErrorFormatter.Format(loaded.Errors));
                }
            }
            return failed == 0 ? ExitCodes.Passed : ExitCodes.BadInput;
        });
        return command;
    }
}
