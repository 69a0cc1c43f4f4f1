using Chaos.Stack.Hosting;

namespace Chaos.Stack.Stress;

/// <summary>
/// The <c>stress</c> role, run by the harness with <c>docker exec</c> inside a target container (the image has no shell):
/// <c>chaos-stack stress [--cpu N] [--memory MB] --for 30s</c>. Both bounded; it exits by itself when the time is up.
/// </summary>
public static class StressCommand
{
    /// <summary>Parses the options, burns until the duration ends or the process is stopped, and returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (options, errors) = Parse(arguments);
        if (errors.Count > 0)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, errors));
            return ExitCodes.BadInput;
        }

        await new StressRunner(TimeProvider.System).RunAsync(options!, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>The options the arguments describe (null when invalid), and every problem found in them.</summary>
    public static (StressOptions? Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> arguments)
    {
        var reader = new ArgumentReader(arguments);
        var cores = reader.WholeNumber("cpu", 0, 0, StressOptions.MaxCores);
        var memory = reader.WholeNumber("memory", 0, 0, StressOptions.MaxMemoryMegabytes);
        var duration = reader.Duration("for", TimeSpan.Zero);
        if (duration == TimeSpan.Zero || duration > StressOptions.MaxDuration)
        {
            reader.AddError($"Option --for must be a duration up to {StressOptions.MaxDuration.TotalMinutes:0}m, such as 30s.");
        }

        if (cores == 0 && memory == 0)
        {
            reader.AddError("Give --cpu N (cores) or --memory MB, or both.");
        }

        reader.Finish();
        return reader.Errors.Count > 0 ? (null, reader.Errors) : (new StressOptions(cores, memory, duration), reader.Errors);
    }
}
