using Chaos.Stack.Hosting;

namespace Chaos.Stack.Controller;

/// <summary>The <c>controller</c> role: <c>chaos-stack controller --run RUNID [--role inference] [--min 2 --max 4] ...</c>.</summary>
public static class ControllerCommand
{
    /// <summary>Parses the options, runs the loop and the HTTP face until stopped, and returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (options, errors) = ControllerOptionsReader.Read(arguments);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, errors));
            return ExitCodes.BadInput;
        }

        var (server, loop) = ControllerNode.Create(options, TimeProvider.System);
        await using (server)
        {
            // The server returns on SIGTERM (docker stop) as well as on Ctrl-C; the loop must stop with it.
            using var stopLoop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var looping = Task.Run(() => loop.RunAsync(stopLoop.Token), CancellationToken.None);
            try
            {
                await server.RunAsync(cancellationToken);
            }
            finally
            {
                await stopLoop.CancelAsync();
                await looping;
            }
        }

        return ExitCodes.Success;
    }
}
