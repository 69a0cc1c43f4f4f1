using Chaos.Stack.Hosting;

namespace Chaos.Stack.Inference;

/// <summary>The <c>inference</c> role: <c>chaos-stack inference --model-dir DIR --model credit [--port 8080] [--name REPLICA]</c>.</summary>
public static class InferenceCommand
{
    /// <summary>Parses the options, serves until stopped, and returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments);
        var options = new InferenceOptions(
            reader.Required("model-dir"),
            reader.Required("model"),
            ListenAddress.AllInterfaces(reader.WholeNumber("port", ListenAddress.DefaultPort, 0, 65535)),
            reader.Optional("name", Environment.MachineName),
            Environment.GetEnvironmentVariable(InferenceOptions.DisableCudaVariable) == "1");
        reader.Finish();
        if (reader.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, reader.Errors));
            return ExitCodes.BadInput;
        }

        await using var server = await InferenceNode.CreateAsync(options, TimeProvider.System, cancellationToken);
        await server.RunAsync(cancellationToken);
        return ExitCodes.Success;
    }
}
