using System.Globalization;
using System.Net;
using Chaos.Stack.Hosting;

namespace Chaos.Stack.Proxy;

/// <summary>
/// The <c>proxy</c> role: <c>chaos-stack proxy --upstream HOST:PORT --admin-token TOKEN [--listen-port 9000] [--port 8080]
/// [--seed 1]</c>. Traffic on the listen port goes to the upstream; the admin API on <c>--port</c> switches faults.
/// </summary>
public static class ProxyCommand
{
    /// <summary>Parses the options, serves until stopped, and returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (options, errors) = Parse(arguments);
        if (errors.Count > 0)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, errors));
            return ExitCodes.BadInput;
        }

        await using var node = ProxyNode.Create(options!, TimeProvider.System);
        await node.RunAsync(cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>The options the arguments describe (null when invalid), and every problem found in them.</summary>
    public static (ProxyOptions? Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> arguments)
    {
        var reader = new ArgumentReader(arguments);
        var upstream = reader.Required("upstream");
        var token = reader.Required("admin-token");
        var listenPort = reader.WholeNumber("listen-port", ProxyOptions.DefaultProxyPort, 0, 65535);
        var adminPort = reader.WholeNumber("port", ListenAddress.DefaultPort, 0, 65535);
        var seed = reader.WholeNumber("seed", 1, int.MinValue, int.MaxValue);
        var colon = upstream.LastIndexOf(':');
        var host = colon > 0 ? upstream[..colon] : string.Empty;
        var port = 0;
        if (upstream.Length > 0 && (host.Length == 0 || !int.TryParse(upstream[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            reader.AddError($"Option --upstream must be HOST:PORT such as inference-1:8080, got '{upstream}'.");
        }

        reader.Finish();
        return reader.Errors.Count > 0
            ? (null, reader.Errors)
            : (new ProxyOptions(new IPEndPoint(IPAddress.Any, listenPort), host, port, ListenAddress.AllInterfaces(adminPort), token, seed), reader.Errors);
    }
}
