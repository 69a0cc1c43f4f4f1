using Chaos.Stack.Hosting;
using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Ml;

/// <summary>The <c>train</c> role: <c>chaos-stack train --out DIR [--seed 42] [--rows 20000]</c>.</summary>
public static class TrainCommand
{
    /// <summary>Parses the options, trains, and returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments);
        var options = new TrainOptions(
            reader.Required("out"),
            reader.WholeNumber("seed", TrainOptions.DefaultSeed, int.MinValue, int.MaxValue),
            reader.WholeNumber("rows", TrainOptions.DefaultTrainRows, 100, 10_000_000));
        reader.Finish();
        if (reader.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, reader.Errors));
            return ExitCodes.BadInput;
        }

        var trainer = new CreditTrainer(loggerFactory.CreateLogger<CreditTrainer>(), TimeProvider.System);
        await trainer.TrainAsync(options, cancellationToken);
        return ExitCodes.Success;
    }
}
