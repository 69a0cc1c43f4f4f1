using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Registry;

public sealed partial class ModelStore
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Model} version {Version}: sha256 {Digest}, {Bytes} bytes")]
    private static partial void LogRegistered(ILogger logger, string model, string version, string digest, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Aliases of {Model}: champion {Champion}, previous {Previous}")]
    private static partial void LogAliases(ILogger logger, string model, string champion, string previous);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store entry {Path} ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string path, string reason);
}
